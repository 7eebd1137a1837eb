// A certified OpenID provider for the end-to-end tests, on loopback only.
// Usage: node provider.mjs — it listens on a free loopback port and prints "listening on <issuer>";
// then it reads one line of space-separated redirect URIs from stdin (the portal's port is known only
// once the portal listens) and prints "ready". Until then it answers 503.
// Any login name is an account whose verified email is that name; the password is not checked (test only).
// "subject|email" logs in as another subject that claims the same email (an impostor at the provider);
// "unverified:email" as an account whose email the provider has not verified.
import http from 'node:http';
import readline from 'node:readline';
import Provider from 'oidc-provider';

let handle = (req, res) => { res.statusCode = 503; res.end('not ready'); };
const server = http.createServer((req, res) => handle(req, res));
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`listening on ${issuer}`);
  readline.createInterface({ input: process.stdin }).once('line', (line) => {
    handle = provide(issuer, line.split(' ').filter(Boolean)).callback();
    console.log('ready');
  });
});

const provide = (issuer, redirectUris) => new Provider(issuer, {
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
