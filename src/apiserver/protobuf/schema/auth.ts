/**
 * authorization.k8s.io/v1 self-subject reviews and authentication.k8s.io/v1 SelfSubjectReview
 * and TokenRequest (`kubectl auth can-i|whoami`, `kubectl create token`). Field options as in meta.ts.
 */

export const AUTHORIZATION_PROTO = `
syntax = "proto2";
package gantry.authorization;

message SelfSubjectAccessReview {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional SelfSubjectAccessReviewSpec spec = 2;
  optional SubjectAccessReviewStatus status = 3;
}

message SelfSubjectAccessReviewSpec {
  optional ResourceAttributes resourceAttributes = 1;
  optional NonResourceAttributes nonResourceAttributes = 2;
}

message ResourceAttributes {
  optional string namespace = 1;
  optional string verb = 2;
  optional string group = 3;
  optional string version = 4;
  optional string resource = 5;
  optional string subresource = 6;
  optional string name = 7;
  optional FieldSelectorAttributes fieldSelector = 8;
  optional LabelSelectorAttributes labelSelector = 9;
}

message FieldSelectorAttributes {
  optional string rawSelector = 1;
  repeated .gantry.meta.FieldSelectorRequirement requirements = 2;
}

message LabelSelectorAttributes {
  optional string rawSelector = 1;
  repeated .gantry.meta.LabelSelectorRequirement requirements = 2;
}

message NonResourceAttributes {
  optional string path = 1;
  optional string verb = 2;
}

message SubjectAccessReviewStatus {
  optional bool allowed = 1 [(keep) = true];
  optional string reason = 2;
  optional string evaluationError = 3;
  optional bool denied = 4;
}

message SelfSubjectRulesReview {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional SelfSubjectRulesReviewSpec spec = 2;
  optional SubjectRulesReviewStatus status = 3;
}

message SelfSubjectRulesReviewSpec {
  optional string namespace = 1;
}

message SubjectRulesReviewStatus {
  repeated ResourceRule resourceRules = 1 [(keep) = true];
  repeated NonResourceRule nonResourceRules = 2 [(keep) = true];
  optional bool incomplete = 3 [(keep) = true];
  optional string evaluationError = 4;
}

message ResourceRule {
  repeated string verbs = 1 [(keep) = true];
  repeated string apiGroups = 2;
  repeated string resources = 3;
  repeated string resourceNames = 4;
}

message NonResourceRule {
  repeated string verbs = 1 [(keep) = true];
  repeated string nonResourceURLs = 2;
}
`;

export const AUTHENTICATION_PROTO = `
syntax = "proto2";
package gantry.authentication;

message SelfSubjectReview {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional SelfSubjectReviewStatus status = 2;
}

message SelfSubjectReviewStatus {
  optional UserInfo userInfo = 1;
}

message UserInfo {
  optional string username = 1;
  optional string uid = 2;
  repeated string groups = 3;
  map<string, ExtraValue> extra = 4;
}

// A list of strings on the wire; plain []string in JSON (see ../to-json.ts).
message ExtraValue {
  repeated string items = 1;
}

message TokenRequest {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional TokenRequestSpec spec = 2;
  optional TokenRequestStatus status = 3;
}

message TokenRequestSpec {
  repeated string audiences = 1 [(keep) = true];
  optional BoundObjectReference boundObjectRef = 3;
  optional int64 expirationSeconds = 4 [(ptr) = true];
}

message BoundObjectReference {
  optional string kind = 1;
  optional string apiVersion = 2;
  optional string name = 3;
  optional string uID = 4 [(json) = "uid"];
}

message TokenRequestStatus {
  optional string token = 1 [(keep) = true];
  optional .gantry.meta.Time expirationTimestamp = 2;
}
`;
