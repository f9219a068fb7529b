{{/* The release's name for every object, at most 63 characters (a DNS label). */}}
{{- define "netloom.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "netloom.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The server's pods; the component keeps the API's Services from selecting coturn's pods. */}}
{{- define "netloom.serverSelectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "netloom.coturnSelectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: coturn
{{- end -}}

{{- define "netloom.dataClaim" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-data" (include "netloom.fullname" .)) -}}
{{- end -}}

{{/* TURN and STUN URIs of the chart's coturn, as the server hands them to peers (README: netloom.turn-uris). */}}
{{- define "netloom.turnUris" -}}
{{- $hostPort := printf "%s:%d" .Values.coturn.host (int .Values.coturn.listeningPort) -}}
{{- printf "turn:%s?transport=udp,turn:%s?transport=tcp" $hostPort $hostPort -}}
{{- end -}}

{{/* Non-empty when the server runs as several processes (a cluster, issue 18): a StatefulSet instead of a Deployment. */}}
{{- define "netloom.clustered" -}}
{{- if gt (int .Values.replicaCount) 1 -}}true{{- end -}}
{{- end -}}

{{/* The stable name of server pod {{ index }}: <fullname>-<index>.<headless Service>.<namespace>.svc.<domain>. */}}
{{- define "netloom.podHost" -}}
{{- $ := index . 0 -}}
{{- printf "%s-%d.%s-cluster.%s.svc.%s" (include "netloom.fullname" $) (index . 1) (include "netloom.fullname" $) $.Release.Namespace $.Values.cluster.domain -}}
{{- end -}}

{{/* netloom.cluster.members: host:port of every server pod. */}}
{{- define "netloom.clusterMembers" -}}
{{- $members := list -}}
{{- range $i := until (int .Values.replicaCount) -}}
{{- $members = append $members (printf "%s:%d" (include "netloom.podHost" (list $ $i)) (int $.Values.cluster.port)) -}}
{{- end -}}
{{- join "," $members -}}
{{- end -}}

{{/* Every server pod's gateway URL, cluster.gatewayUrl with {pod} replaced by the pod's name. */}}
{{- define "netloom.podGatewayUrls" -}}
{{- $urls := list -}}
{{- range $i := until (int .Values.replicaCount) -}}
{{- $urls = append $urls (replace "{pod}" (printf "%s-%d" (include "netloom.fullname" $) $i) $.Values.cluster.gatewayUrl) -}}
{{- end -}}
{{- join "," $urls -}}
{{- end -}}
