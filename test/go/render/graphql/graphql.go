// Package graphql mirrors the Director types the old Operations Controller rendered request templates
// with (components/director/pkg/graphql), with the same names, field order, pointers and methods.
package graphql

import (
	"errors"
	"io"
	"time"

	"render/resource"
)

// Timestamp is Director's time scalar: a defined type without String, so templates print its fields.
type Timestamp time.Time

// UnmarshalGQL is present for the method set only.
func (y *Timestamp) UnmarshalGQL(v interface{}) error { return errors.New("not supported") }

// MarshalGQL is present for the method set only.
func (y Timestamp) MarshalGQL(w io.Writer) {}

// MarshalJSON as Director: time.Time's encoding.
func (y Timestamp) MarshalJSON() ([]byte, error) { return time.Time(y).MarshalJSON() }

// UnmarshalJSON as Director: time.Time's decoding.
func (y *Timestamp) UnmarshalJSON(data []byte) error { return (*time.Time)(y).UnmarshalJSON(data) }

// ApplicationStatusCondition is the gqlgen enum.
type ApplicationStatusCondition string

// IsValid as gqlgen generates it.
func (e ApplicationStatusCondition) IsValid() bool {
	switch e {
	case "INITIAL", "CONNECTED", "FAILED", "CREATING", "CREATE_FAILED", "CREATE_SUCCEEDED", "UPDATING",
		"UPDATE_FAILED", "UPDATE_SUCCEEDED", "DELETING", "DELETE_FAILED", "DELETE_SUCCEEDED", "UNPAIRING", "UNPAIR_FAILED":
		return true
	}
	return false
}

func (e ApplicationStatusCondition) String() string { return string(e) }

// UnmarshalGQL is present for the method set only.
func (e *ApplicationStatusCondition) UnmarshalGQL(v interface{}) error {
	return errors.New("not supported")
}

// MarshalGQL is present for the method set only.
func (e ApplicationStatusCondition) MarshalGQL(w io.Writer) {}

// ApplicationStatus as gqlgen generates it.
type ApplicationStatus struct {
	Condition ApplicationStatusCondition `json:"condition"`
	Timestamp Timestamp                  `json:"timestamp"`
}

// BaseEntity as in base_entity.go.
type BaseEntity struct {
	ID        string     `json:"id"`
	Ready     bool       `json:"ready"`
	CreatedAt *Timestamp `json:"createdAt"`
	UpdatedAt *Timestamp `json:"updatedAt"`
	DeletedAt *Timestamp `json:"deletedAt"`
	Error     *string    `json:"error"`
}

// GetID as Director.
func (e *BaseEntity) GetID() string { return e.ID }

// GetType as Director.
func (e *BaseEntity) GetType() resource.Type { return "" }

// Application as in application.go.
type Application struct {
	Name                  string             `json:"name"`
	ProviderName          *string            `json:"providerName"`
	IntegrationSystemID   *string            `json:"integrationSystemID"`
	ApplicationTemplateID *string            `json:"applicationTemplateID"`
	Description           *string            `json:"description"`
	Status                *ApplicationStatus `json:"status"`
	HealthCheckURL        *string            `json:"healthCheckURL"`
	SystemNumber          *string            `json:"systemNumber"`
	LocalTenantID         *string            `json:"localTenantID"`
	SystemStatus          *string            `json:"systemStatus"`
	BaseURL               *string            `json:"baseUrl"`
	ApplicationNamespace  *string            `json:"applicationNamespace"`
	*BaseEntity
}

// GetType as Director.
func (e *Application) GetType() resource.Type { return resource.Application }

// Sentinel as Director.
func (e *Application) Sentinel() {}
