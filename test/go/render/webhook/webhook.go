// Package webhook mirrors the template data types of Director's pkg/webhook.
package webhook

// Resource is used to identify entities which can be part of a webhook's request data.
type Resource interface {
	Sentinel()
}

// ApplicationLifecycleWebhookRequestObject is the request-side template data.
type ApplicationLifecycleWebhookRequestObject struct {
	Application Resource
	TenantID    string
	Headers     map[string]string
}

// ResponseObject is the response-side template data.
type ResponseObject struct {
	Body    map[string]string
	Headers map[string]string
}
