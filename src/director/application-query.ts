/**
 * The one query sent to Director (CONTRACT.md section 3). It must validate against Director's schema
 * (`shared/spec/director-schema.graphql`); the Director fake executes it over that schema, so a field
 * Director does not have fails the tests. `__typename` tells the credential union's members apart.
 * The application ID travels as a variable, never pasted into the query text.
 */
export const APPLICATION_QUERY = `query application($id: ID!) {
  application(id: $id) {
    id
    name
    baseUrl
    systemNumber
    applicationTemplateID
    webhooks {
      id
      applicationID
      type
      mode
      correlationIdKey
      retryInterval
      timeout
      url
      urlTemplate
      inputTemplate
      headerTemplate
      outputTemplate
      statusTemplate
      createdAt
      auth {
        credential {
          __typename
          ... on BasicCredentialData {
            username
            password
          }
          ... on OAuthCredentialData {
            clientId
            clientSecret
            url
          }
          ... on CertificateOAuthCredentialData {
            clientId
            certificate
            url
          }
        }
        accessStrategy
      }
    }
  }
}`;
