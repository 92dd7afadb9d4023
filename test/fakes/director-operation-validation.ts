/**
 * Mirrors Director's `PUT /operation` handler (components/director/pkg/operation/
 * update_operation_handler.go in kyma-incubator/compass): Go's json.Unmarshal into OperationRequest,
 * then ozzo-validation of resource_id (UUID when present), operation_type (required, Create, Update or
 * Delete) and resource_type (required, application). Answers use Director's apperrors JSON shape.
 */
export interface OperationRequest {
  readonly operation_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly error: string;
  readonly operation_category: string;
}

export type OperationValidation =
  | { readonly ok: true; readonly request: OperationRequest }
  | { readonly ok: false; readonly status: number; readonly body: unknown };

const FIELDS = ['operation_type', 'resource_type', 'resource_id', 'error', 'operation_category'] as const;
// govalidator's UUID pattern, which ozzo's is.UUID uses: lower-case hex only.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPERATION_TYPES = ['Create', 'Update', 'Delete'];

export function validateOperationRequest(text: string): OperationValidation {
  const decoded = decode(text);
  if (decoded === null) return internal(400, 'Unable to decode body to JSON');
  const problems: string[] = [];
  if (decoded.operation_type === '') problems.push('operation_type: cannot be blank');
  else if (!OPERATION_TYPES.includes(decoded.operation_type))
    problems.push('operation_type: must be a valid value');
  if (decoded.resource_id !== '' && !UUID.test(decoded.resource_id)) {
    problems.push('resource_id: must be a valid UUID');
  }
  if (decoded.resource_type === '') problems.push('resource_type: cannot be blank');
  else if (decoded.resource_type !== 'application') problems.push('resource_type: must be a valid value');
  if (problems.length > 0) {
    // ozzo joins field errors sorted by name with "; " and ends with "."
    const reason = `Invalid operation properties: ${problems.sort().join('; ')}.`;
    return { ok: false, status: 400, body: appError(`Invalid data [reason=${reason}]`, 22, 'InvalidData') };
  }
  return { ok: true, request: decoded };
}

export function methodNotAllowed(): { status: number; body: unknown } {
  return { status: 405, body: appError('Internal Server Error: Method not allowed', 10, 'InternalError') };
}

/** Go's json.Unmarshal into the struct: an object (or null), string fields, keys matched case-insensitively. */
function decode(text: string): OperationRequest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const out: Record<(typeof FIELDS)[number], string> = {
    operation_type: '',
    resource_type: '',
    resource_id: '',
    error: '',
    operation_category: '',
  };
  if (parsed === null) return out;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  for (const [key, value] of Object.entries(parsed)) {
    const field = FIELDS.find((f) => f === key) ?? FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined || value === null) continue;
    if (typeof value !== 'string') return null;
    out[field] = value;
  }
  return out;
}

function internal(status: number, message: string): OperationValidation {
  return { ok: false, status, body: appError(`Internal Server Error: ${message}`, 10, 'InternalError') };
}

function appError(message: string, code: number, name: string): unknown {
  return { errors: [{ message, extensions: { error_code: code, error: name } }] };
}
