{{/* Names and labels. */}}
{{- define "veerkracht.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "veerkracht.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: web, worker, beat or migrate. */}}
{{- define "veerkracht.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "veerkracht.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "veerkracht.secretName" -}}
{{ .Values.existingSecret | default (include "veerkracht.fullname" .) }}
{{- end -}}

{{- define "veerkracht.serviceAccountName" -}}
{{ .Values.serviceAccount.name | default (include "veerkracht.fullname" .) }}
{{- end -}}

{{/* The environment every container of the portal gets. */}}
{{- define "veerkracht.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "veerkracht.fullname" . }}
  - secretRef:
      name: {{ include "veerkracht.secretName" . }}
{{- end -}}

{{/* /tmp is the only writable place besides the media volume. */}}
{{- define "veerkracht.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if eq .Values.media.storage "filesystem" }}
  - name: media
    mountPath: /app/media
{{- end }}
{{- end -}}

{{- define "veerkracht.volumes" -}}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 1Gi
{{- if eq .Values.media.storage "filesystem" }}
  - name: media
    persistentVolumeClaim:
      claimName: {{ .Values.media.persistence.existingClaim | default (printf "%s-media" (include "veerkracht.fullname" .)) }}
{{- end }}
{{- end -}}

{{/* What every pod of the portal shares: service account, security, scheduling. */}}
{{- define "veerkracht.podSpec" -}}
serviceAccountName: {{ include "veerkracht.serviceAccountName" . }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
