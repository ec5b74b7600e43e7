// Generated from test/fixtures/real/kubernetes-bootstrap/*.yaml by lib/rules/real-fixtures.test.ts
// (UPDATE_BOOTSTRAP_DEFAULTS=1 npx vitest run lib/rules/real-fixtures.test.ts). Do not edit by hand.
import type { BootstrapDefaults } from "./bootstrap";

export const BOOTSTRAP_DEFAULTS: BootstrapDefaults = {
  "clusterRoles": {
    "admin": [
      "[[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"rbac.authorization.k8s.io\"],[\"rolebindings\",\"roles\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"configmaps\",\"events\",\"persistentvolumeclaims\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"secrets\",\"serviceaccounts\",\"services\",\"services/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"pods\",\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"apps\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"replicasets\",\"replicasets/scale\",\"statefulsets\",\"statefulsets/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"autoscaling\"],[\"horizontalpodautoscalers\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"batch\"],[\"cronjobs\",\"jobs\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"extensions\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"ingresses\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"networking.k8s.io\"],[\"ingresses\",\"networkpolicies\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"policy\"],[\"poddisruptionbudgets\"],[],[]]",
      "[[\"create\"],[\"\"],[\"pods/eviction\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts/token\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"localsubjectaccessreviews\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"bindings\",\"events\",\"limitranges\",\"namespaces/status\",\"pods/log\",\"pods/status\",\"replicationcontrollers/status\",\"resourcequotas\",\"resourcequotas/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\",\"endpoints\",\"persistentvolumeclaims\",\"persistentvolumeclaims/status\",\"pods\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"serviceaccounts\",\"services\",\"services/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\",\"secrets\",\"services/proxy\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"controllerrevisions\",\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"statefulsets\",\"statefulsets/scale\",\"statefulsets/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"autoscaling\"],[\"horizontalpodautoscalers\",\"horizontalpodautoscalers/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"batch\"],[\"cronjobs\",\"cronjobs/status\",\"jobs\",\"jobs/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"extensions\"],[\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"ingresses\",\"ingresses/status\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"networking.k8s.io\"],[\"ingresses\",\"ingresses/status\",\"networkpolicies\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\",\"poddisruptionbudgets/status\"],[],[]]",
      "[[\"impersonate\"],[\"\"],[\"serviceaccounts\"],[],[]]"
    ],
    "cluster-admin": [
      "[[\"*\"],[\"*\"],[\"*\"],[],[]]",
      "[[\"*\"],[],[],[],[\"*\"]]"
    ],
    "edit": [
      "[[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"configmaps\",\"events\",\"persistentvolumeclaims\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"secrets\",\"serviceaccounts\",\"services\",\"services/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"pods\",\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"apps\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"replicasets\",\"replicasets/scale\",\"statefulsets\",\"statefulsets/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"autoscaling\"],[\"horizontalpodautoscalers\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"batch\"],[\"cronjobs\",\"jobs\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"extensions\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"ingresses\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"networking.k8s.io\"],[\"ingresses\",\"networkpolicies\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"policy\"],[\"poddisruptionbudgets\"],[],[]]",
      "[[\"create\"],[\"\"],[\"pods/eviction\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts/token\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"bindings\",\"events\",\"limitranges\",\"namespaces/status\",\"pods/log\",\"pods/status\",\"replicationcontrollers/status\",\"resourcequotas\",\"resourcequotas/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\",\"endpoints\",\"persistentvolumeclaims\",\"persistentvolumeclaims/status\",\"pods\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"serviceaccounts\",\"services\",\"services/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\",\"secrets\",\"services/proxy\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"controllerrevisions\",\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"statefulsets\",\"statefulsets/scale\",\"statefulsets/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"autoscaling\"],[\"horizontalpodautoscalers\",\"horizontalpodautoscalers/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"batch\"],[\"cronjobs\",\"cronjobs/status\",\"jobs\",\"jobs/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"extensions\"],[\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"ingresses\",\"ingresses/status\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"networking.k8s.io\"],[\"ingresses\",\"ingresses/status\",\"networkpolicies\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\",\"poddisruptionbudgets/status\"],[],[]]",
      "[[\"impersonate\"],[\"\"],[\"serviceaccounts\"],[],[]]"
    ],
    "system:aggregate-to-admin": [
      "[[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"rbac.authorization.k8s.io\"],[\"rolebindings\",\"roles\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"localsubjectaccessreviews\"],[],[]]"
    ],
    "system:aggregate-to-edit": [
      "[[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"configmaps\",\"events\",\"persistentvolumeclaims\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"secrets\",\"serviceaccounts\",\"services\",\"services/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"\"],[\"pods\",\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"apps\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"replicasets\",\"replicasets/scale\",\"statefulsets\",\"statefulsets/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"autoscaling\"],[\"horizontalpodautoscalers\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"batch\"],[\"cronjobs\",\"jobs\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"extensions\"],[\"daemonsets\",\"deployments\",\"deployments/rollback\",\"deployments/scale\",\"ingresses\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"networking.k8s.io\"],[\"ingresses\",\"networkpolicies\"],[],[]]",
      "[[\"create\",\"delete\",\"deletecollection\",\"patch\",\"update\"],[\"policy\"],[\"poddisruptionbudgets\"],[],[]]",
      "[[\"create\"],[\"\"],[\"pods/eviction\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts/token\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods/attach\",\"pods/exec\",\"pods/portforward\",\"pods/proxy\",\"secrets\",\"services/proxy\"],[],[]]",
      "[[\"impersonate\"],[\"\"],[\"serviceaccounts\"],[],[]]"
    ],
    "system:aggregate-to-view": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"bindings\",\"events\",\"limitranges\",\"namespaces/status\",\"pods/log\",\"pods/status\",\"replicationcontrollers/status\",\"resourcequotas\",\"resourcequotas/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\",\"endpoints\",\"persistentvolumeclaims\",\"persistentvolumeclaims/status\",\"pods\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"serviceaccounts\",\"services\",\"services/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"controllerrevisions\",\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"statefulsets\",\"statefulsets/scale\",\"statefulsets/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"autoscaling\"],[\"horizontalpodautoscalers\",\"horizontalpodautoscalers/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"batch\"],[\"cronjobs\",\"cronjobs/status\",\"jobs\",\"jobs/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"extensions\"],[\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"ingresses\",\"ingresses/status\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"networking.k8s.io\"],[\"ingresses\",\"ingresses/status\",\"networkpolicies\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\",\"poddisruptionbudgets/status\"],[],[]]"
    ],
    "system:auth-delegator": [
      "[[\"create\"],[\"authentication.k8s.io\"],[\"tokenreviews\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"subjectaccessreviews\"],[],[]]"
    ],
    "system:basic-user": [
      "[[\"create\"],[\"authentication.k8s.io\"],[\"selfsubjectreviews\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"selfsubjectaccessreviews\",\"selfsubjectrulesreviews\"],[],[]]"
    ],
    "system:certificates.k8s.io:certificatesigningrequests:nodeclient": [
      "[[\"create\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests/nodeclient\"],[],[]]"
    ],
    "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient": [
      "[[\"create\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests/selfnodeclient\"],[],[]]"
    ],
    "system:certificates.k8s.io:kube-apiserver-client-approver": [
      "[[\"approve\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/kube-apiserver-client\"],[]]"
    ],
    "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver": [
      "[[\"approve\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/kube-apiserver-client-kubelet\"],[]]"
    ],
    "system:certificates.k8s.io:kubelet-serving-approver": [
      "[[\"approve\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/kubelet-serving\"],[]]"
    ],
    "system:certificates.k8s.io:legacy-unknown-approver": [
      "[[\"approve\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/legacy-unknown\"],[]]"
    ],
    "system:controller:attachdetach-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"volumeattachments\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csidrivers\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csinodes\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\",\"persistentvolumes\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"nodes/status\"],[],[]]"
    ],
    "system:controller:certificate-controller": [
      "[[\"approve\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/kube-apiserver-client-kubelet\"],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"subjectaccessreviews\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests\"],[],[]]",
      "[[\"sign\"],[\"certificates.k8s.io\"],[\"signers\"],[\"kubernetes.io/kube-apiserver-client\",\"kubernetes.io/kube-apiserver-client-kubelet\",\"kubernetes.io/kubelet-serving\",\"kubernetes.io/legacy-unknown\"],[]]",
      "[[\"update\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests/approval\",\"certificatesigningrequests/status\"],[],[]]"
    ],
    "system:controller:clusterrole-aggregation-controller": [
      "[[\"escalate\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"rbac.authorization.k8s.io\"],[\"clusterroles\"],[],[]]"
    ],
    "system:controller:cronjob-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"batch\"],[\"jobs\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"batch\"],[\"cronjobs\"],[],[]]",
      "[[\"update\"],[\"batch\"],[\"cronjobs/finalizers\"],[],[]]",
      "[[\"update\"],[\"batch\"],[\"cronjobs/status\"],[],[]]"
    ],
    "system:controller:daemon-set-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"apps\"],[\"controllerrevisions\"],[],[]]",
      "[[\"create\",\"delete\",\"list\",\"patch\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"pods/binding\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\",\"extensions\"],[\"daemonsets\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"daemonsets/finalizers\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"daemonsets/status\"],[],[]]"
    ],
    "system:controller:deployment-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"apps\",\"extensions\"],[\"replicasets\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"apps\",\"extensions\"],[\"deployments\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"deployments/finalizers\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"deployments/status\"],[],[]]"
    ],
    "system:controller:disruption-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"replicationcontrollers\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\",\"extensions\"],[\"deployments\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\",\"extensions\"],[\"replicasets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"statefulsets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\"],[],[]]",
      "[[\"get\"],[\"*\"],[\"*/scale\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"pods/status\"],[],[]]",
      "[[\"update\"],[\"policy\"],[\"poddisruptionbudgets/status\"],[],[]]"
    ],
    "system:controller:endpoint-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"endpoints\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"endpoints/restricted\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\",\"services\"],[],[]]"
    ],
    "system:controller:endpointslice-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"update\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\",\"pods\",\"services\"],[],[]]",
      "[[\"update\"],[\"\"],[\"services/finalizers\"],[],[]]"
    ],
    "system:controller:endpointslicemirroring-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"update\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"endpoints\",\"services\"],[],[]]",
      "[[\"update\"],[\"\"],[\"endpoints/finalizers\"],[],[]]",
      "[[\"update\"],[\"\"],[\"services/finalizers\"],[],[]]"
    ],
    "system:controller:ephemeral-volume-controller": [
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"update\"],[\"\"],[\"pods/finalizers\"],[],[]]"
    ],
    "system:controller:expand-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"persistentvolumeclaims/status\"],[],[]]"
    ],
    "system:controller:generic-garbage-collector": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"*\"],[\"*\"],[],[]]"
    ],
    "system:controller:horizontal-pod-autoscaler": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"autoscaling\"],[\"horizontalpodautoscalers\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"custom.metrics.k8s.io\"],[\"*\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"external.metrics.k8s.io\"],[\"*\"],[],[]]",
      "[[\"get\",\"update\"],[\"*\"],[\"*/scale\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"list\",\"watch\"],[\"metrics.k8s.io\"],[\"pods\"],[],[]]",
      "[[\"update\"],[\"autoscaling\"],[\"horizontalpodautoscalers/status\"],[],[]]"
    ],
    "system:controller:job-controller": [
      "[[\"create\",\"delete\",\"list\",\"patch\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"batch\"],[\"jobs\"],[],[]]",
      "[[\"update\"],[\"batch\"],[\"jobs/finalizers\"],[],[]]",
      "[[\"update\"],[\"batch\"],[\"jobs/status\"],[],[]]"
    ],
    "system:controller:legacy-service-account-token-cleaner": [
      "[[\"delete\",\"patch\"],[\"\"],[\"secrets\"],[],[]]",
      "[[\"get\"],[\"\"],[\"configmaps\"],[\"kube-apiserver-legacy-service-account-token-tracking\"],[]]"
    ],
    "system:controller:namespace-controller": [
      "[[\"delete\",\"deletecollection\",\"get\",\"list\",\"watch\"],[\"*\"],[\"*\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"update\"],[\"\"],[\"namespaces/finalize\",\"namespaces/status\"],[],[]]"
    ],
    "system:controller:node-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"nodes/status\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"pods/status\"],[],[]]"
    ],
    "system:controller:persistent-volume-binder": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]",
      "[[\"create\",\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"storageclasses\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"update\"],[\"\"],[\"persistentvolumeclaims/status\"],[],[]]",
      "[[\"update\"],[\"\"],[\"persistentvolumes/status\"],[],[]]",
      "[[\"watch\"],[\"\"],[\"events\"],[],[]]"
    ],
    "system:controller:pod-garbage-collector": [
      "[[\"delete\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"patch\"],[\"\"],[\"pods/status\"],[],[]]"
    ],
    "system:controller:podcheckpoint-controller": [
      "[[\"create\",\"get\"],[\"\"],[\"nodes/proxy\"],[],[]]",
      "[[\"create\"],[\"\"],[\"nodes/checkpointpod\"],[],[]]",
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"checkpoint.k8s.io\"],[\"podcheckpoints\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"patch\",\"update\"],[\"checkpoint.k8s.io\"],[\"podcheckpoints/status\"],[],[]]"
    ],
    "system:controller:pv-protection-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]"
    ],
    "system:controller:pvc-protection-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]"
    ],
    "system:controller:replicaset-controller": [
      "[[\"create\",\"delete\",\"list\",\"patch\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"apps\",\"extensions\"],[\"replicasets\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"replicasets/finalizers\"],[],[]]",
      "[[\"update\"],[\"apps\",\"extensions\"],[\"replicasets/status\"],[],[]]"
    ],
    "system:controller:replication-controller": [
      "[[\"create\",\"delete\",\"list\",\"patch\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"replicationcontrollers\"],[],[]]",
      "[[\"update\"],[\"\"],[\"replicationcontrollers/finalizers\"],[],[]]",
      "[[\"update\"],[\"\"],[\"replicationcontrollers/status\"],[],[]]"
    ],
    "system:controller:resource-claim-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"watch\"],[\"resource.k8s.io\"],[\"resourceclaims\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"pods/status\"],[],[]]",
      "[[\"patch\",\"update\"],[\"resource.k8s.io\"],[\"resourceclaims\",\"resourceclaims/status\"],[],[]]",
      "[[\"update\"],[\"\"],[\"pods/finalizers\"],[],[]]"
    ],
    "system:controller:resourcequota-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"list\",\"watch\"],[\"*\"],[\"*\"],[],[]]",
      "[[\"update\"],[\"\"],[\"resourcequotas/status\"],[],[]]"
    ],
    "system:controller:root-ca-cert-publisher": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\",\"update\"],[\"\"],[\"configmaps\"],[],[]]"
    ],
    "system:controller:route-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"patch\"],[\"\"],[\"nodes/status\"],[],[]]"
    ],
    "system:controller:selinux-warning-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csidrivers\"],[],[]]"
    ],
    "system:controller:service-account-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts\"],[],[]]"
    ],
    "system:controller:service-cidrs-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"networking.k8s.io\"],[\"servicecidrs\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"networking.k8s.io\"],[\"ipaddresses\"],[],[]]",
      "[[\"patch\",\"update\"],[\"networking.k8s.io\"],[\"servicecidrs/finalizers\"],[],[]]",
      "[[\"patch\",\"update\"],[\"networking.k8s.io\"],[\"servicecidrs/status\"],[],[]]"
    ],
    "system:controller:service-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"services\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"services/status\"],[],[]]"
    ],
    "system:controller:statefulset-controller": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"apps\"],[\"controllerrevisions\"],[],[]]",
      "[[\"create\",\"delete\",\"get\",\"patch\",\"update\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"update\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"statefulsets\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"update\"],[\"\"],[\"pods/finalizers\"],[],[]]",
      "[[\"update\"],[\"apps\"],[\"statefulsets/finalizers\"],[],[]]",
      "[[\"update\"],[\"apps\"],[\"statefulsets/status\"],[],[]]"
    ],
    "system:controller:ttl-after-finished-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"batch\"],[\"jobs\"],[],[]]"
    ],
    "system:controller:ttl-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"list\",\"patch\",\"update\",\"watch\"],[\"\"],[\"nodes\"],[],[]]"
    ],
    "system:controller:validatingadmissionpolicy-status-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"admissionregistration.k8s.io\"],[\"validatingadmissionpolicies\"],[],[]]",
      "[[\"get\",\"patch\",\"update\"],[\"admissionregistration.k8s.io\"],[\"validatingadmissionpolicies/status\"],[],[]]"
    ],
    "system:controller:volumeattributesclass-protection-controller": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"storage.k8s.io\"],[\"volumeattributesclasses\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]"
    ],
    "system:discovery": [
      "[[\"get\"],[],[],[],[\"/api\",\"/api/*\",\"/apis\",\"/apis/*\",\"/healthz\",\"/livez\",\"/openapi\",\"/openapi/*\",\"/readyz\",\"/version\",\"/version/\"]]"
    ],
    "system:heapster": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"events\",\"namespaces\",\"nodes\",\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"extensions\"],[\"deployments\"],[],[]]"
    ],
    "system:kube-aggregator": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"endpoints\",\"services\"],[],[]]"
    ],
    "system:kube-controller-manager": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"secrets\",\"serviceaccounts\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts/token\"],[],[]]",
      "[[\"create\"],[\"authentication.k8s.io\"],[\"tokenreviews\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"subjectaccessreviews\"],[],[]]",
      "[[\"create\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"delete\"],[\"\"],[\"secrets\"],[],[]]",
      "[[\"get\",\"update\"],[\"coordination.k8s.io\"],[\"leases\"],[\"kube-controller-manager\"],[]]",
      "[[\"get\"],[\"\"],[\"configmaps\",\"namespaces\",\"secrets\",\"serviceaccounts\"],[],[]]",
      "[[\"list\",\"watch\"],[\"*\"],[\"*\"],[],[]]",
      "[[\"update\"],[\"\"],[\"secrets\",\"serviceaccounts\"],[],[]]"
    ],
    "system:kube-dns": [
      "[[\"list\",\"watch\"],[\"\"],[\"endpoints\",\"services\"],[],[]]"
    ],
    "system:kube-scheduler": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"bindings\",\"pods/binding\"],[],[]]",
      "[[\"create\"],[\"authentication.k8s.io\"],[\"tokenreviews\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"subjectaccessreviews\"],[],[]]",
      "[[\"create\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumeclaims\",\"persistentvolumes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"replicationcontrollers\",\"services\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\",\"extensions\"],[\"replicasets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"statefulsets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csidrivers\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csinodes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csistoragecapacities\"],[],[]]",
      "[[\"get\",\"update\"],[\"coordination.k8s.io\"],[\"leases\"],[\"kube-scheduler\"],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"pods/status\"],[],[]]"
    ],
    "system:kubelet-api-admin": [
      "[[\"*\"],[\"\"],[\"nodes/log\",\"nodes/metrics\",\"nodes/proxy\",\"nodes/stats\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"proxy\"],[\"\"],[\"nodes\"],[],[]]"
    ],
    "system:monitoring": [
      "[[\"get\"],[],[],[],[\"/healthz\",\"/healthz/*\",\"/livez\",\"/livez/*\",\"/metrics\",\"/metrics/slis\",\"/readyz\",\"/readyz/*\"]]"
    ],
    "system:node": [
      "[[\"create\",\"delete\",\"get\",\"patch\",\"update\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]",
      "[[\"create\",\"delete\",\"get\",\"patch\",\"update\"],[\"storage.k8s.io\"],[\"csinodes\"],[],[]]",
      "[[\"create\",\"delete\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\"],[\"events\"],[],[]]",
      "[[\"create\"],[\"\"],[\"pods/eviction\"],[],[]]",
      "[[\"create\"],[\"\"],[\"serviceaccounts/token\"],[],[]]",
      "[[\"create\"],[\"authentication.k8s.io\"],[\"tokenreviews\"],[],[]]",
      "[[\"create\"],[\"authorization.k8s.io\"],[\"localsubjectaccessreviews\",\"subjectaccessreviews\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\",\"secrets\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"pods\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"services\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"node.k8s.io\"],[\"runtimeclasses\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"csidrivers\"],[],[]]",
      "[[\"get\",\"patch\",\"update\"],[\"\"],[\"persistentvolumeclaims/status\"],[],[]]",
      "[[\"get\"],[\"\"],[\"endpoints\"],[],[]]",
      "[[\"get\"],[\"\"],[\"persistentvolumeclaims\",\"persistentvolumes\"],[],[]]",
      "[[\"get\"],[\"storage.k8s.io\"],[\"volumeattachments\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"nodes/status\"],[],[]]",
      "[[\"patch\",\"update\"],[\"\"],[\"pods/status\"],[],[]]"
    ],
    "system:node-bootstrapper": [
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"certificates.k8s.io\"],[\"certificatesigningrequests\"],[],[]]"
    ],
    "system:node-problem-detector": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"patch\"],[\"\"],[\"nodes/status\"],[],[]]"
    ],
    "system:node-proxier": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"nodes\"],[],[]]",
      "[[\"list\",\"watch\"],[\"\"],[\"endpoints\",\"services\"],[],[]]",
      "[[\"list\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]"
    ],
    "system:persistent-volume-provisioner": [
      "[[\"create\",\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]",
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"update\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"storageclasses\"],[],[]]",
      "[[\"watch\"],[\"\"],[\"events\"],[],[]]"
    ],
    "system:public-info-viewer": [
      "[[\"get\"],[],[],[],[\"/healthz\",\"/livez\",\"/readyz\",\"/version\",\"/version/\"]]"
    ],
    "system:service-account-issuer-discovery": [
      "[[\"get\"],[],[],[],[\"/.well-known/openid-configuration\",\"/openid/v1/jwks\"]]"
    ],
    "system:volume-scheduler": [
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"\"],[\"persistentvolumeclaims\"],[],[]]",
      "[[\"get\",\"list\",\"patch\",\"update\",\"watch\"],[\"\"],[\"persistentvolumes\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"storage.k8s.io\"],[\"storageclasses\"],[],[]]"
    ],
    "view": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"bindings\",\"events\",\"limitranges\",\"namespaces/status\",\"pods/log\",\"pods/status\",\"replicationcontrollers/status\",\"resourcequotas\",\"resourcequotas/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\",\"endpoints\",\"persistentvolumeclaims\",\"persistentvolumeclaims/status\",\"pods\",\"replicationcontrollers\",\"replicationcontrollers/scale\",\"serviceaccounts\",\"services\",\"services/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"namespaces\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"apps\"],[\"controllerrevisions\",\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"statefulsets\",\"statefulsets/scale\",\"statefulsets/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"autoscaling\"],[\"horizontalpodautoscalers\",\"horizontalpodautoscalers/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"batch\"],[\"cronjobs\",\"cronjobs/status\",\"jobs\",\"jobs/status\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"discovery.k8s.io\"],[\"endpointslices\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"extensions\"],[\"daemonsets\",\"daemonsets/status\",\"deployments\",\"deployments/scale\",\"deployments/status\",\"ingresses\",\"ingresses/status\",\"networkpolicies\",\"replicasets\",\"replicasets/scale\",\"replicasets/status\",\"replicationcontrollers/scale\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"networking.k8s.io\"],[\"ingresses\",\"ingresses/status\",\"networkpolicies\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"policy\"],[\"poddisruptionbudgets\",\"poddisruptionbudgets/status\"],[],[]]"
    ]
  },
  "roles": {
    "kube-public/system:controller:bootstrap-signer": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\"],[],[]]",
      "[[\"update\"],[\"\"],[\"configmaps\"],[\"cluster-info\"],[]]"
    ],
    "kube-system/extension-apiserver-authentication-reader": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\"],[\"extension-apiserver-authentication\"],[]]"
    ],
    "kube-system/system::leader-locking-kube-controller-manager": [
      "[[\"create\",\"get\",\"list\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leasecandidates\"],[],[]]",
      "[[\"create\",\"get\",\"list\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]"
    ],
    "kube-system/system::leader-locking-kube-scheduler": [
      "[[\"create\",\"get\",\"list\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leasecandidates\"],[],[]]",
      "[[\"create\",\"get\",\"list\",\"update\",\"watch\"],[\"coordination.k8s.io\"],[\"leases\"],[],[]]"
    ],
    "kube-system/system:controller:bootstrap-signer": [
      "[[\"get\",\"list\",\"watch\"],[\"\"],[\"secrets\"],[],[]]"
    ],
    "kube-system/system:controller:cloud-provider": [
      "[[\"create\",\"get\",\"list\",\"watch\"],[\"\"],[\"configmaps\"],[],[]]"
    ],
    "kube-system/system:controller:token-cleaner": [
      "[[\"create\",\"patch\",\"update\"],[\"\",\"events.k8s.io\"],[\"events\"],[],[]]",
      "[[\"delete\",\"get\",\"list\",\"watch\"],[\"\"],[\"secrets\"],[],[]]"
    ]
  },
  "clusterRoleBindings": {
    "cluster-admin": {
      "roleKind": "ClusterRole",
      "role": "cluster-admin",
      "subjects": [
        "Group:system:masters"
      ]
    },
    "system:basic-user": {
      "roleKind": "ClusterRole",
      "role": "system:basic-user",
      "subjects": [
        "Group:system:authenticated"
      ]
    },
    "system:controller:attachdetach-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:attachdetach-controller",
      "subjects": [
        "ServiceAccount:kube-system:attachdetach-controller"
      ]
    },
    "system:controller:certificate-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:certificate-controller",
      "subjects": [
        "ServiceAccount:kube-system:certificate-controller"
      ]
    },
    "system:controller:clusterrole-aggregation-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:clusterrole-aggregation-controller",
      "subjects": [
        "ServiceAccount:kube-system:clusterrole-aggregation-controller"
      ]
    },
    "system:controller:cronjob-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:cronjob-controller",
      "subjects": [
        "ServiceAccount:kube-system:cronjob-controller"
      ]
    },
    "system:controller:daemon-set-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:daemon-set-controller",
      "subjects": [
        "ServiceAccount:kube-system:daemon-set-controller"
      ]
    },
    "system:controller:deployment-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:deployment-controller",
      "subjects": [
        "ServiceAccount:kube-system:deployment-controller"
      ]
    },
    "system:controller:disruption-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:disruption-controller",
      "subjects": [
        "ServiceAccount:kube-system:disruption-controller"
      ]
    },
    "system:controller:endpoint-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:endpoint-controller",
      "subjects": [
        "ServiceAccount:kube-system:endpoint-controller"
      ]
    },
    "system:controller:endpointslice-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:endpointslice-controller",
      "subjects": [
        "ServiceAccount:kube-system:endpointslice-controller"
      ]
    },
    "system:controller:endpointslicemirroring-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:endpointslicemirroring-controller",
      "subjects": [
        "ServiceAccount:kube-system:endpointslicemirroring-controller"
      ]
    },
    "system:controller:ephemeral-volume-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:ephemeral-volume-controller",
      "subjects": [
        "ServiceAccount:kube-system:ephemeral-volume-controller"
      ]
    },
    "system:controller:expand-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:expand-controller",
      "subjects": [
        "ServiceAccount:kube-system:expand-controller"
      ]
    },
    "system:controller:generic-garbage-collector": {
      "roleKind": "ClusterRole",
      "role": "system:controller:generic-garbage-collector",
      "subjects": [
        "ServiceAccount:kube-system:generic-garbage-collector"
      ]
    },
    "system:controller:horizontal-pod-autoscaler": {
      "roleKind": "ClusterRole",
      "role": "system:controller:horizontal-pod-autoscaler",
      "subjects": [
        "ServiceAccount:kube-system:horizontal-pod-autoscaler"
      ]
    },
    "system:controller:job-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:job-controller",
      "subjects": [
        "ServiceAccount:kube-system:job-controller"
      ]
    },
    "system:controller:legacy-service-account-token-cleaner": {
      "roleKind": "ClusterRole",
      "role": "system:controller:legacy-service-account-token-cleaner",
      "subjects": [
        "ServiceAccount:kube-system:legacy-service-account-token-cleaner"
      ]
    },
    "system:controller:namespace-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:namespace-controller",
      "subjects": [
        "ServiceAccount:kube-system:namespace-controller"
      ]
    },
    "system:controller:node-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:node-controller",
      "subjects": [
        "ServiceAccount:kube-system:node-controller"
      ]
    },
    "system:controller:persistent-volume-binder": {
      "roleKind": "ClusterRole",
      "role": "system:controller:persistent-volume-binder",
      "subjects": [
        "ServiceAccount:kube-system:persistent-volume-binder"
      ]
    },
    "system:controller:pod-garbage-collector": {
      "roleKind": "ClusterRole",
      "role": "system:controller:pod-garbage-collector",
      "subjects": [
        "ServiceAccount:kube-system:pod-garbage-collector"
      ]
    },
    "system:controller:podcheckpoint-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:podcheckpoint-controller",
      "subjects": [
        "ServiceAccount:kube-system:podcheckpoint-controller"
      ]
    },
    "system:controller:pv-protection-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:pv-protection-controller",
      "subjects": [
        "ServiceAccount:kube-system:pv-protection-controller"
      ]
    },
    "system:controller:pvc-protection-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:pvc-protection-controller",
      "subjects": [
        "ServiceAccount:kube-system:pvc-protection-controller"
      ]
    },
    "system:controller:replicaset-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:replicaset-controller",
      "subjects": [
        "ServiceAccount:kube-system:replicaset-controller"
      ]
    },
    "system:controller:replication-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:replication-controller",
      "subjects": [
        "ServiceAccount:kube-system:replication-controller"
      ]
    },
    "system:controller:resource-claim-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:resource-claim-controller",
      "subjects": [
        "ServiceAccount:kube-system:resource-claim-controller"
      ]
    },
    "system:controller:resourcequota-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:resourcequota-controller",
      "subjects": [
        "ServiceAccount:kube-system:resourcequota-controller"
      ]
    },
    "system:controller:root-ca-cert-publisher": {
      "roleKind": "ClusterRole",
      "role": "system:controller:root-ca-cert-publisher",
      "subjects": [
        "ServiceAccount:kube-system:root-ca-cert-publisher"
      ]
    },
    "system:controller:route-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:route-controller",
      "subjects": [
        "ServiceAccount:kube-system:route-controller"
      ]
    },
    "system:controller:selinux-warning-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:selinux-warning-controller",
      "subjects": [
        "ServiceAccount:kube-system:selinux-warning-controller"
      ]
    },
    "system:controller:service-account-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:service-account-controller",
      "subjects": [
        "ServiceAccount:kube-system:service-account-controller"
      ]
    },
    "system:controller:service-cidrs-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:service-cidrs-controller",
      "subjects": [
        "ServiceAccount:kube-system:service-cidrs-controller"
      ]
    },
    "system:controller:service-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:service-controller",
      "subjects": [
        "ServiceAccount:kube-system:service-controller"
      ]
    },
    "system:controller:statefulset-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:statefulset-controller",
      "subjects": [
        "ServiceAccount:kube-system:statefulset-controller"
      ]
    },
    "system:controller:ttl-after-finished-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:ttl-after-finished-controller",
      "subjects": [
        "ServiceAccount:kube-system:ttl-after-finished-controller"
      ]
    },
    "system:controller:ttl-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:ttl-controller",
      "subjects": [
        "ServiceAccount:kube-system:ttl-controller"
      ]
    },
    "system:controller:validatingadmissionpolicy-status-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:validatingadmissionpolicy-status-controller",
      "subjects": [
        "ServiceAccount:kube-system:validatingadmissionpolicy-status-controller"
      ]
    },
    "system:controller:volumeattributesclass-protection-controller": {
      "roleKind": "ClusterRole",
      "role": "system:controller:volumeattributesclass-protection-controller",
      "subjects": [
        "ServiceAccount:kube-system:volumeattributesclass-protection-controller"
      ]
    },
    "system:discovery": {
      "roleKind": "ClusterRole",
      "role": "system:discovery",
      "subjects": [
        "Group:system:authenticated"
      ]
    },
    "system:kube-controller-manager": {
      "roleKind": "ClusterRole",
      "role": "system:kube-controller-manager",
      "subjects": [
        "User:system:kube-controller-manager"
      ]
    },
    "system:kube-dns": {
      "roleKind": "ClusterRole",
      "role": "system:kube-dns",
      "subjects": [
        "ServiceAccount:kube-system:kube-dns"
      ]
    },
    "system:kube-scheduler": {
      "roleKind": "ClusterRole",
      "role": "system:kube-scheduler",
      "subjects": [
        "User:system:kube-scheduler"
      ]
    },
    "system:node": {
      "roleKind": "ClusterRole",
      "role": "system:node",
      "subjects": []
    },
    "system:node-proxier": {
      "roleKind": "ClusterRole",
      "role": "system:node-proxier",
      "subjects": [
        "User:system:kube-proxy"
      ]
    },
    "system:public-info-viewer": {
      "roleKind": "ClusterRole",
      "role": "system:public-info-viewer",
      "subjects": [
        "Group:system:authenticated",
        "Group:system:unauthenticated"
      ]
    },
    "system:volume-scheduler": {
      "roleKind": "ClusterRole",
      "role": "system:volume-scheduler",
      "subjects": [
        "User:system:kube-scheduler"
      ]
    }
  },
  "roleBindings": {
    "kube-public/system:controller:bootstrap-signer": {
      "roleKind": "Role",
      "role": "system:controller:bootstrap-signer",
      "subjects": [
        "ServiceAccount:kube-system:bootstrap-signer"
      ]
    },
    "kube-system/system::extension-apiserver-authentication-reader": {
      "roleKind": "Role",
      "role": "extension-apiserver-authentication-reader",
      "subjects": [
        "User:system:kube-controller-manager",
        "User:system:kube-scheduler"
      ]
    },
    "kube-system/system::leader-locking-kube-controller-manager": {
      "roleKind": "Role",
      "role": "system::leader-locking-kube-controller-manager",
      "subjects": [
        "ServiceAccount:kube-system:kube-controller-manager",
        "ServiceAccount:kube-system:leader-election-controller",
        "User:system:kube-controller-manager"
      ]
    },
    "kube-system/system::leader-locking-kube-scheduler": {
      "roleKind": "Role",
      "role": "system::leader-locking-kube-scheduler",
      "subjects": [
        "ServiceAccount:kube-system:kube-scheduler",
        "User:system:kube-scheduler"
      ]
    },
    "kube-system/system:controller:bootstrap-signer": {
      "roleKind": "Role",
      "role": "system:controller:bootstrap-signer",
      "subjects": [
        "ServiceAccount:kube-system:bootstrap-signer"
      ]
    },
    "kube-system/system:controller:cloud-provider": {
      "roleKind": "Role",
      "role": "system:controller:cloud-provider",
      "subjects": [
        "ServiceAccount:kube-system:cloud-provider"
      ]
    },
    "kube-system/system:controller:token-cleaner": {
      "roleKind": "Role",
      "role": "system:controller:token-cleaner",
      "subjects": [
        "ServiceAccount:kube-system:token-cleaner"
      ]
    }
  }
};
