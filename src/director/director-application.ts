import Type from 'typebox';

/**
 * The shape of Director's `application` answer, checked at the edge: anything Director sends arrives as
 * `unknown` and becomes a DirectorApplication only after `APPLICATION_RESPONSE` accepts it.
 */

export interface BasicCredential {
  readonly __typename: 'BasicCredentialData';
  readonly username: string;
  readonly password: string;
}

export interface OAuthCredential {
  readonly __typename: 'OAuthCredentialData';
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token endpoint. */
  readonly url: string;
}

export interface CertificateOAuthCredential {
  readonly __typename: 'CertificateOAuthCredentialData';
  readonly clientId: string;
  readonly certificate: string;
  readonly url: string;
}

export type WebhookCredential = BasicCredential | OAuthCredential | CertificateOAuthCredential;

export interface DirectorWebhookAuth {
  readonly credential: WebhookCredential | null;
  readonly accessStrategy: string | null;
}

export interface DirectorWebhook {
  readonly id: string;
  readonly applicationID: string | null;
  /** `UNREGISTER_APPLICATION`, ... (kept a string: an enum value Director adds later must not break us). */
  readonly type: string;
  /** `SYNC`, `ASYNC`, `ASYNC_CALLBACK` or null (null means SYNC). */
  readonly mode: string | null;
  readonly correlationIdKey: string | null;
  readonly retryInterval: number | null;
  readonly timeout: number | null;
  readonly url: string | null;
  readonly urlTemplate: string | null;
  readonly inputTemplate: string | null;
  readonly headerTemplate: string | null;
  readonly outputTemplate: string | null;
  readonly statusTemplate: string | null;
  readonly createdAt: string | null;
  readonly auth: DirectorWebhookAuth | null;
}

export interface DirectorApplication {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string | null;
  readonly systemNumber: string | null;
  readonly applicationTemplateID: string | null;
  /** Director's own and its application template's webhooks, already merged by Director. */
  readonly webhooks: readonly DirectorWebhook[];
}

const nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const optionalString = nullable(Type.String());
const optionalInt = nullable(Type.Integer());

const credential = Type.Union([
  Type.Object({
    __typename: Type.Literal('BasicCredentialData'),
    username: Type.String(),
    password: Type.String(),
  }),
  Type.Object({
    __typename: Type.Literal('OAuthCredentialData'),
    clientId: Type.String(),
    clientSecret: Type.String(),
    url: Type.String(),
  }),
  Type.Object({
    __typename: Type.Literal('CertificateOAuthCredentialData'),
    clientId: Type.String(),
    certificate: Type.String(),
    url: Type.String(),
  }),
]);

const webhook = Type.Object({
  id: Type.String(),
  applicationID: optionalString,
  type: Type.String(),
  mode: optionalString,
  correlationIdKey: optionalString,
  retryInterval: optionalInt,
  timeout: optionalInt,
  url: optionalString,
  urlTemplate: optionalString,
  inputTemplate: optionalString,
  headerTemplate: optionalString,
  outputTemplate: optionalString,
  statusTemplate: optionalString,
  createdAt: optionalString,
  auth: nullable(Type.Object({ credential: nullable(credential), accessStrategy: optionalString })),
});

const application = Type.Object({
  id: Type.String(),
  name: Type.String(),
  baseUrl: optionalString,
  systemNumber: optionalString,
  applicationTemplateID: optionalString,
  webhooks: nullable(Type.Array(webhook)),
});

/** The `data` member of a successful GraphQL answer. */
export const APPLICATION_RESPONSE_DATA = Type.Object({ application: nullable(application) });

export type ApplicationResponseData = Type.Static<typeof APPLICATION_RESPONSE_DATA>;

/** Normalises a checked answer: Director sends `webhooks: null` for an application without any. */
export function toDirectorApplication(
  data: NonNullable<ApplicationResponseData['application']>,
): DirectorApplication {
  return { ...data, webhooks: data.webhooks ?? [] };
}
