/**
 * Credentials never leave the process in a message. A proxy's `user:password@` in
 * `api_base_url` (or in any URL an error quotes) is replaced by `***@`, and the password
 * itself, wherever it appears (decoded, e.g. in an HTTP library's message), by `***`.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi;

const secrets = new Set<string>();

/** Remembers a secret so that redactSecrets() masks it wherever it appears. */
export function registerSecret(secret: string): void {
  // A very short value would mask ordinary words and numbers (record counts) everywhere; such
  // a password is still masked wherever it appears inside a URL.
  if (secret.length >= 6) secrets.add(secret);
}

/**
 * Registers the password of a URL, as written and decoded (the user name alone is no
 * secret, and is masked only inside the URL).
 */
export function registerUrlPassword(url: string): void {
  const password = URL.canParse(url) ? new URL(url).password : '';
  if (password === '') return;
  registerSecret(password);
  registerSecret(safeDecode(password));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `text` with URL credentials and every registered secret masked. */
export function redactSecrets(text: string): string {
  let out = text.replace(URL_USERINFO, '$1***@');
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
