import {createServer, Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export type Answer = readonly [status: number, body: string];

/**
 * A local HTTP server standing in for the exchange. The runner tests use it instead of nock:
 * nock patches the process-wide http module, and another test file's nock left active in
 * the same Jest worker would answer these requests with "no match".
 */
export class FakeExchangeServer {
  /** Each request as `path?k=v&...`, read as a server reads it (`+` is a space), in order. */
  readonly requests: string[] = [];
  private handler: (url: URL) => Answer = () => [
    404,
    '{"error":{"name":404,"message":"no route"}}',
  ];
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake.exchange');
      const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).join('&');
      this.requests.push(query ? `${url.pathname}?${query}` : url.pathname);
      const [status, body] = this.handler(url);
      res.writeHead(status, {'content-type': 'application/json; charset=utf-8'}).end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers every request with `handler` from now on; forgets earlier requests. */
  serve(handler: (url: URL) => Answer): void {
    this.handler = handler;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
