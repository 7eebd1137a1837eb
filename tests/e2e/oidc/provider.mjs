// A certified OpenID provider for the end-to-end tests, on loopback only.
// Usage: node provider.mjs <port> <redirect-uri> [<redirect-uri> ...]
// Any login name is an account whose verified email is that name; the password is not checked (test only).
// "subject|email" logs in as another subject that claims the same email (an impostor at the provider);
// "unverified:email" as an account whose email the provider has not verified.
import Provider from 'oidc-provider';

const [port, ...redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'marketedge',
    client_secret: 'test-only-client-secret',
    redirect_uris: redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-only-cookie-key'] },
  async findAccount(ctx, id) {
    const verified = !id.startsWith('unverified:');
    const login = verified ? id : id.slice('unverified:'.length);
    const [sub, email] = login.includes('|') ? login.split('|') : [id, login];
    return {
      accountId: id,
      async claims() {
        return { sub, email, email_verified: verified, name: `Test ${email.split('@')[0]}` };
      },
    };
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
