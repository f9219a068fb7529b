{{/* The server's pod, for the Deployment of one replica and the StatefulSet of several. */}}
{{- define "netloom.serverPod" }}
    metadata:
      labels:
        {{- include "netloom.labels" . | nindent 8 }}
        {{- include "netloom.serverSelectorLabels" . | nindent 8 }}
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        # The image's user; the embedded PostgreSQL refuses to run as root.
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        fsGroup: 1000
        # Only the volume's root: the embedded PostgreSQL refuses a data directory whose mode was widened.
        fsGroupChangePolicy: OnRootMismatch
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: server
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          # The image's entrypoint starts the server; these are the `--name=value` arguments of `java -jar`.
          args:
            - --netloom.data-dir=/var/lib/netloom/netloom-data
            - --server.port={{ .Values.service.api.port }}
            - --netloom.gateway.port={{ .Values.service.gateway.port }}
            - --management.server.port={{ .Values.management.port }}
            {{- with .Values.publicUrl }}
            - {{ printf "--netloom.public-url=%s" . | quote }}
            {{- end }}
            {{- with .Values.gatewayUrl }}
            - {{ printf "--netloom.gateway.url=%s" . | quote }}
            {{- end }}
            {{- if include "netloom.clustered" . }}
            # One Hazelcast member per pod (ADR 0058, 0061), found by the headless Service's stable pod names.
            - --netloom.keys-dir=/var/lib/netloom-keys
            - {{ printf "--netloom.cluster.name=%s" (.Values.cluster.name | default (include "netloom.fullname" .)) | quote }}
            - --netloom.cluster.host=$(POD_IP)
            - --netloom.cluster.port={{ .Values.cluster.port }}
            - {{ printf "--netloom.cluster.members=%s" (include "netloom.clusterMembers" .) | quote }}
            {{- with .Values.cluster.gatewayUrl }}
            # This pod's own gateway first, then every pod's (the server drops the repeated own one; ADR 0057).
            - {{ printf "--netloom.gateway.urls=%s,%s" (replace "{pod}" "$(POD_NAME)" .) (include "netloom.podGatewayUrls" $) | quote }}
            {{- end }}
            {{- end }}
            {{- with .Values.database.url }}
            - {{ printf "--spring.datasource.url=%s" . | quote }}
            {{- end }}
            {{- if .Values.tls.existingSecret }}
            - --netloom.tls.certificate=/etc/netloom/tls/tls.crt
            - --netloom.tls.private-key=/etc/netloom/tls/tls.key
            {{- end }}
            {{- if .Values.metrics.existingSecret }}
            - --netloom.metrics.token-file=/etc/netloom/metrics/{{ .Values.metrics.secretKey }}
            {{- end }}
            {{- if .Values.coturn.enabled }}
            - {{ printf "--netloom.turn-uris=%s" (include "netloom.turnUris" .) | quote }}
            - {{ printf "--netloom.stun-uris=stun:%s:%d" .Values.coturn.host (int .Values.coturn.listeningPort) | quote }}
            {{- end }}
            {{- range .Values.extraArgs }}
            - {{ . | quote }}
            {{- end }}
          {{- if or .Values.database.url .Values.turn.existingSecret (include "netloom.clustered" .) }}
          # Secrets through the environment (Spring's relaxed binding), never on the command line.
          env:
            {{- if include "netloom.clustered" . }}
            # The pod's own name and address, for the arguments above ($(POD_NAME), $(POD_IP)).
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            {{- end }}
            {{- if .Values.database.url }}
            - name: SPRING_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.database.existingSecret }}
                  key: {{ .Values.database.usernameKey }}
            - name: SPRING_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.database.existingSecret }}
                  key: {{ .Values.database.passwordKey }}
            {{- end }}
            {{- if .Values.turn.existingSecret }}
            - name: NETLOOM_TURNSECRET
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.turn.existingSecret }}
                  key: {{ .Values.turn.secretKey }}
            {{- end }}
          {{- end }}
          ports:
            - name: api
              containerPort: {{ .Values.service.api.port }}
              protocol: TCP
            - name: gateway
              containerPort: {{ .Values.service.gateway.port }}
              protocol: TCP
            - name: management
              containerPort: {{ .Values.management.port }}
              protocol: TCP
            {{- if include "netloom.clustered" . }}
            - name: cluster
              containerPort: {{ .Values.cluster.port }}
              protocol: TCP
            {{- end }}
          # Spring Boot's probe groups on the management port.
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .Values.probes.startup.periodSeconds }}
            failureThreshold: {{ .Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
            failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
            failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            # The server writes only to its data directory and the JVM's temporary files (/tmp).
            readOnlyRootFilesystem: true
            capabilities:
              drop:
                - ALL
          volumeMounts:
            - name: data
              mountPath: /var/lib/netloom
            - name: tmp
              mountPath: /tmp
            {{- if include "netloom.clustered" . }}
            # Shared by every pod and written by them (the JWT signing keys rotate under a file lock; ADR 0058).
            - name: keys
              mountPath: /var/lib/netloom-keys
            {{- end }}
            {{- if .Values.tls.existingSecret }}
            - name: tls
              mountPath: /etc/netloom/tls
              readOnly: true
            {{- end }}
            {{- if .Values.database.caSecret }}
            - name: db-ca
              mountPath: /etc/netloom/db-ca
              readOnly: true
            {{- end }}
            {{- if .Values.metrics.existingSecret }}
            - name: metrics-token
              mountPath: /etc/netloom/metrics
              readOnly: true
            {{- end }}
      volumes:
        {{- if include "netloom.clustered" . }}
        # The data volume is each pod's own, from the StatefulSet's claim template.
        - name: keys
          persistentVolumeClaim:
            claimName: {{ .Values.keys.existingClaim }}
        {{- else }}
        - name: data
          persistentVolumeClaim:
            claimName: {{ include "netloom.dataClaim" . }}
        {{- end }}
        - name: tmp
          emptyDir: {}
        {{- if .Values.tls.existingSecret }}
        - name: tls
          secret:
            secretName: {{ .Values.tls.existingSecret }}
            # 0440: the owner and the pod's fsGroup (the server's group) read it, nobody else.
            defaultMode: 288
        {{- end }}
        {{- if .Values.metrics.existingSecret }}
        - name: metrics-token
          secret:
            secretName: {{ .Values.metrics.existingSecret }}
            defaultMode: 288
        {{- end }}
        {{- if .Values.database.caSecret }}
        - name: db-ca
          secret:
            secretName: {{ .Values.database.caSecret }}
            # 0440: the owner and the pod's fsGroup (the server's group) read it, nobody else.
            defaultMode: 288
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
