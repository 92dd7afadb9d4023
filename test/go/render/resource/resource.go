// Package resource mirrors Director's pkg/resource type name, which shows in template error messages.
package resource

// Type is a resource type.
type Type string

// Application is the type of applications.
const Application Type = "application"
