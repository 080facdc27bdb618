/** rbac.authorization.k8s.io/v1 roles and bindings. Field options as in meta.ts. */

export const RBAC_PROTO = `
syntax = "proto2";
package gantry.rbac;

message Role {
  optional .gantry.meta.ObjectMeta metadata = 1;
  repeated PolicyRule rules = 2 [(keep) = true];
}

message ClusterRole {
  optional .gantry.meta.ObjectMeta metadata = 1;
  repeated PolicyRule rules = 2 [(keep) = true];
  optional AggregationRule aggregationRule = 3;
}

message AggregationRule {
  repeated .gantry.meta.LabelSelector clusterRoleSelectors = 1;
}

message PolicyRule {
  repeated string verbs = 1 [(keep) = true];
  repeated string apiGroups = 2;
  repeated string resources = 3;
  repeated string resourceNames = 4;
  repeated string nonResourceURLs = 5;
}

message RoleBinding {
  optional .gantry.meta.ObjectMeta metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}

message ClusterRoleBinding {
  optional .gantry.meta.ObjectMeta metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}

message Subject {
  optional string kind = 1 [(keep) = true];
  optional string apiGroup = 2;
  optional string name = 3 [(keep) = true];
  optional string namespace = 4;
}

message RoleRef {
  optional string apiGroup = 1 [(keep) = true];
  optional string kind = 2 [(keep) = true];
  optional string name = 3 [(keep) = true];
}
`;
