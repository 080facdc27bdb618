/** networking.k8s.io/v1 Ingress and autoscaling/v1 HorizontalPodAutoscaler. Field options as in meta.ts. */

export const NETWORKING_PROTO = `
syntax = "proto2";
package gantry.networking;

message Ingress {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional IngressSpec spec = 2;
  optional IngressStatus status = 3;
}

message IngressSpec {
  optional IngressBackend defaultBackend = 1;
  repeated IngressTLS tls = 2;
  repeated IngressRule rules = 3;
  optional string ingressClassName = 4 [(ptr) = true];
}

message IngressBackend {
  optional .gantry.core.TypedLocalObjectReference resource = 3;
  optional IngressServiceBackend service = 4;
}

message IngressServiceBackend {
  optional string name = 1 [(keep) = true];
  optional ServiceBackendPort port = 2;
}

message ServiceBackendPort {
  optional string name = 1;
  optional int32 number = 2;
}

message IngressTLS {
  repeated string hosts = 1;
  optional string secretName = 2;
}

message IngressRule {
  optional string host = 1;
  optional IngressRuleValue ingressRuleValue = 2 [(inline) = true];
}

message IngressRuleValue {
  optional HTTPIngressRuleValue http = 1;
}

message HTTPIngressRuleValue {
  repeated HTTPIngressPath paths = 1 [(keep) = true];
}

message HTTPIngressPath {
  optional string path = 1;
  optional IngressBackend backend = 2;
  optional string pathType = 3 [(ptr) = true];
}

message IngressStatus {
  optional IngressLoadBalancerStatus loadBalancer = 1;
}

message IngressLoadBalancerStatus {
  repeated IngressLoadBalancerIngress ingress = 1;
}

message IngressLoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  repeated IngressPortStatus ports = 4;
}

message IngressPortStatus {
  optional int32 port = 1 [(keep) = true];
  optional string protocol = 2 [(keep) = true];
  optional string error = 3 [(ptr) = true];
}
`;

export const AUTOSCALING_PROTO = `
syntax = "proto2";
package gantry.autoscaling;

message HorizontalPodAutoscaler {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional HorizontalPodAutoscalerSpec spec = 2;
  optional HorizontalPodAutoscalerStatus status = 3;
}

message HorizontalPodAutoscalerSpec {
  optional CrossVersionObjectReference scaleTargetRef = 1;
  optional int32 minReplicas = 2 [(ptr) = true];
  optional int32 maxReplicas = 3 [(keep) = true];
  optional int32 targetCPUUtilizationPercentage = 4 [(ptr) = true];
}

message CrossVersionObjectReference {
  optional string kind = 1 [(keep) = true];
  optional string name = 2 [(keep) = true];
  optional string apiVersion = 3;
}

message HorizontalPodAutoscalerStatus {
  optional int64 observedGeneration = 1 [(ptr) = true];
  optional .gantry.meta.Time lastScaleTime = 2;
  optional int32 currentReplicas = 3 [(keep) = true];
  optional int32 desiredReplicas = 4 [(keep) = true];
  optional int32 currentCPUUtilizationPercentage = 5 [(ptr) = true];
}
`;
