{{/* The five services; each runs the one image with its name as argument. */}}
{{- define "issuer-platform.serviceNames" -}}
offer-service auth-service credential-service deferred-service session-log-service
{{- end }}

{{- define "issuer-platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{ else }}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{ end }}
{{- end }}

{{/* Name of a component's objects: (dict "root" $ "component" "auth-service"). */}}
{{- define "issuer-platform.componentName" -}}
{{- printf "%s-%s" (include "issuer-platform.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "issuer-platform.labels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: issuer-platform
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "issuer-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "issuer-platform.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* A service's values: serviceDefaults overridden by services.<name>. */}}
{{- define "issuer-platform.serviceValues" -}}
{{- $overrides := index .root.Values.services .component | default dict }}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $overrides)) }}
{{- end }}

{{/* The SPIFFE identity of a component's ServiceAccount, as Istio names callers. */}}
{{- define "issuer-platform.principal" -}}
{{- printf "cluster.local/ns/%s/sa/%s" .root.Release.Namespace (include "issuer-platform.componentName" .) }}
{{- end }}

{{- define "issuer-platform.secretName" -}}
{{- default (include "issuer-platform.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "issuer-platform.issuerKeysSecretName" -}}
{{- default (printf "%s-issuer-keys" (include "issuer-platform.fullname" .)) .Values.issuerKeys.existingSecret }}
{{- end }}

{{/* A generated secret value stays the same across upgrades: the given value, else the one in the cluster, else a new one. */}}
{{- define "issuer-platform.secretValue" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret }}
{{- if .value }}{{ .value }}{{ else if and $existing $existing.data (hasKey $existing.data .key) }}{{ index $existing.data .key | b64dec }}{{ else }}{{ randAlphaNum 43 }}{{ end }}
{{- end }}

{{/*
Every service's environment, in one place: the settings ConfigMap and the Secrets as a whole (so a
new variable needs no template change), then what the chart derives from other values.
*/}}
{{- define "issuer-platform.envFrom" -}}
- configMapRef:
    name: {{ include "issuer-platform.fullname" . }}-config
- secretRef:
    name: {{ include "issuer-platform.secretName" . }}
- secretRef:
    name: {{ include "issuer-platform.issuerKeysSecretName" . }}
{{- end }}

{{- define "issuer-platform.databaseEnv" -}}
{{- if .Values.postgresql.enabled }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s-postgresql" .Release.Name }}
      key: password
- name: DATABASE_URL
  value: {{ printf "postgres://%s:$(DATABASE_PASSWORD)@%s-postgresql:5432/%s" .Values.postgresql.auth.username .Release.Name .Values.postgresql.auth.database | quote }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- if .Values.externalDatabase.existingSecret }}
      name: {{ .Values.externalDatabase.existingSecret }}
      key: {{ .Values.externalDatabase.existingSecretKey }}
      {{- else }}
      name: {{ include "issuer-platform.fullname" . }}-connections
      key: DATABASE_URL
      {{- end }}
{{- end }}
{{- end }}

{{- define "issuer-platform.env" -}}
{{- include "issuer-platform.databaseEnv" . }}
{{- if .Values.nats.enabled }}
- name: NATS_URL
  value: {{ printf "nats://%s-nats:4222" .Release.Name | quote }}
{{- else }}
- name: NATS_URL
  valueFrom:
    secretKeyRef:
      {{- if .Values.externalNats.existingSecret }}
      name: {{ .Values.externalNats.existingSecret }}
      key: {{ .Values.externalNats.existingSecretKey }}
      {{- else }}
      name: {{ include "issuer-platform.fullname" . }}-connections
      key: NATS_URL
      {{- end }}
{{- end }}
{{- end }}

{{- define "issuer-platform.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "issuer-platform.containerSecurityContext" -}}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end }}

{{- define "issuer-platform.credentialConfigFiles" -}}
{{- $files := list }}
{{- range $file, $_ := .Values.credentialConfigurations }}{{ $files = append $files (printf "/etc/issuer/credential-configurations/%s" $file) }}{{ end }}
{{- join "," $files }}
{{- end }}

{{- define "issuer-platform.gatewayName" -}}
{{- if .Values.istio.gateway.create }}{{ include "issuer-platform.fullname" . }}{{ else }}{{ required "istio.gateway.existingGateway is required when istio.gateway.create is false" .Values.istio.gateway.existingGateway }}{{ end }}
{{- end }}

{{/* Selects every pod of the platform's services (not the migration Job). */}}
{{- define "issuer-platform.servicesSelector" -}}
matchLabels:
  app.kubernetes.io/name: {{ .Chart.Name }}
  app.kubernetes.io/instance: {{ .Release.Name }}
  issuer-platform/workload: service
{{- end }}
