{{/* The prefix of every object's name. */}}
{{- define "mooring.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The five services, in a fixed order: registry first, it signs the agent tokens the others verify. */}}
{{- define "mooring.serviceKeys" -}}
registry health addon cost notification
{{- end -}}

{{/*
One service's settings: `defaults` overlaid with `services.<key>`. Called with (dict "root" $ "key" "registry");
returns YAML, read back with fromYaml.
*/}}
{{- define "mooring.service" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy (index .root.Values.services .key))) -}}
{{- end -}}

{{/* Name of one service's objects (Deployment, Service, ServiceAccount...): <fullname>-<key>. */}}
{{- define "mooring.componentName" -}}
{{- printf "%s-%s" (include "mooring.fullname" .root) .key -}}
{{- end -}}

{{- define "mooring.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: mooring
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Labels of one service's objects. (dict "root" $ "key" "registry" "name" "registry-service") */}}
{{- define "mooring.labels" -}}
{{ include "mooring.selectorLabels" . }}
{{ include "mooring.commonLabels" .root }}
{{- end -}}

{{/* The labels that select one service's pods: they never change after the first install. */}}
{{- define "mooring.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .key }}
{{- end -}}

{{/* Labels of objects that belong to the whole installation (Secrets, routes). */}}
{{- define "mooring.instanceLabels" -}}
app.kubernetes.io/name: mooring
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "mooring.commonLabels" . }}
{{- end -}}

{{/* Selects every Mooring pod of this release. */}}
{{- define "mooring.releasePodSelector" -}}
app.kubernetes.io/part-of: mooring
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mooring.agentSigningKeySecret" -}}
{{- if .Values.keys.agentSigningKey.pem -}}
{{- printf "%s-agent-signing-key" (include "mooring.fullname" .) -}}
{{- else -}}
{{- .Values.keys.agentSigningKey.existingSecret -}}
{{- end -}}
{{- end -}}

{{/*
The users' OpenID Connect issuer. No default: a made-up one would install services that refuse every user token
(and keep trying to reach a host that does not exist), so an install without it stops here.
*/}}
{{- define "mooring.userIssuer" -}}
{{- required "oidc.issuer is required: the issuer URL of your OpenID Connect provider, e.g. https://kc.example.com/realms/mooring (docs/deployment.md, \"Sign-in\")" .Values.oidc.issuer -}}
{{- end -}}

{{- define "mooring.cursorSecret" -}}
{{- default (printf "%s-cursor-secret" (include "mooring.fullname" .)) .Values.keys.cursorSecret.existingSecret -}}
{{- end -}}

{{- define "mooring.postgresqlSecret" -}}
{{- default (printf "%s-postgresql" (include "mooring.fullname" .)) .Values.postgresql.existingSecret -}}
{{- end -}}

{{/* The registry's agent JWKS, for the services that verify agent tokens. */}}
{{- define "mooring.agentJwksUrl" -}}
{{- if .Values.oidc.agentJwksUrl -}}
{{- .Values.oidc.agentJwksUrl -}}
{{- else -}}
{{- printf "http://%s:%v/api/v1/agent/jwks.json" (include "mooring.componentName" (dict "root" . "key" "registry")) .Values.services.registry.port -}}
{{- end -}}
{{- end -}}

{{/* The restricted Pod Security Standard, without a fixed UID/GID (OpenShift's restricted SCC assigns one). */}}
{{- define "mooring.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "mooring.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The gateway's routing table (docker/gateway/nginx.conf), in the gateway's order. kind: regex (a regular expression
on the path, anchored at both ends) or prefix (whole path segments, as nginx's `(/|$)` suffix does).
*/}}
{{- define "mooring.apiRoutes" -}}
- {kind: regex, path: "/api/v1/clusters/[^/]+/(health|events|inventory)(/.*)?$", to: health}
- {kind: prefix, path: /api/v1/fleet/health, to: health}
- {kind: prefix, path: /api/v1/agent/reports, to: health}
- {kind: regex, path: "/api/v1/clusters/[^/]+/addons(/.*)?$", to: addon}
- {kind: prefix, path: /api/v1/addon-profiles, to: addon}
- {kind: prefix, path: /api/v1/agent/addons, to: addon}
- {kind: regex, path: "/api/v1/clusters/[^/]+/(cost|rates)(/.*)?$", to: cost}
- {kind: prefix, path: /api/v1/fleet/cost, to: cost}
- {kind: prefix, path: /api/v1/rate-cards, to: cost}
- {kind: prefix, path: /api/v1/webhooks, to: notification}
- {kind: prefix, path: /api/v1/notification-rules, to: notification}
- {kind: prefix, path: /api/v1/clusters, to: registry}
- {kind: prefix, path: /api/v1/import, to: registry}
- {kind: prefix, path: /api/v1/agent, to: registry}
- {kind: prefix, path: /api/v1/admin/registry, to: registry}
- {kind: prefix, path: /api/v1/admin/health, to: health}
- {kind: prefix, path: /api/v1/admin/addon, to: addon}
- {kind: prefix, path: /api/v1/admin/cost, to: cost}
- {kind: prefix, path: /api/v1/admin/notification, to: notification}
{{- end -}}

{{/* The paths published under each service's prefix, /<key>/q/<path> -> /q/<path>. */}}
{{- define "mooring.servicePaths" -}}
- openapi
- health/ready
- health/live
{{- end -}}


{{/*
The console's /config.json: where the browser signs in (console/src/main/resources/console/auth.js reads it). The
claims are the services' own, so the console shows what the API will allow.
*/}}
{{- define "mooring.consoleConfig" -}}
{{- $c := .Values.console.config -}}
{{- dict "issuer" (default (include "mooring.userIssuer" .) $c.issuer) "clientId" $c.clientId "scope" $c.scope "rolesClaim" .Values.oidc.rolesClaim "projectsClaim" .Values.oidc.projectsClaim | toJson -}}
{{- end -}}
