/**
 * Runs curl against the lab's XCAP server (RFC 4825) with digest authentication and
 * returns the final response (after curl has answered the 401 challenge itself).
 */
import { spawn } from 'node:child_process';

/** One HTTP request by curl. */
export interface CurlRequest {
  readonly url: string;
  readonly method?: 'GET' | 'PUT' | 'DELETE';
  /** Digest credentials (curl --digest). */
  readonly auth?: { readonly username: string; readonly password: string };
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The final HTTP response of a curl run. */
export interface CurlResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/** Runs curl (bounded to 10 s) and parses the last response it printed with -i. */
export function curl(request: CurlRequest): Promise<CurlResponse> {
  const args = ['-sS', '-i', '--max-time', '10', '-X', request.method ?? 'GET'];
  if (request.auth) args.push('--digest', '-u', `${request.auth.username}:${request.auth.password}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (request.body !== undefined) args.push('--data-binary', '@-');
  args.push(request.url);
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (data: Buffer) => { out += data.toString(); });
    child.stderr.on('data', (data: Buffer) => { err += data.toString(); });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) {
        reject(new Error(`curl exited with ${code}: ${err}`));
        return;
      }
      const responses = out.split(/^(?=HTTP\/1\.[01] \d{3})/m).filter((part) => part.length > 0);
      const last = responses[responses.length - 1] ?? '';
      const split = last.indexOf('\r\n\r\n');
      const head = split < 0 ? last : last.slice(0, split);
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
        headers,
        body: split < 0 ? '' : last.slice(split + 4),
      });
    });
    child.stdin.end(request.body ?? '');
  });
}
