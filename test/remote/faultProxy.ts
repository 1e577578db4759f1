/**
 * A loopback proxy in front of the S3 server that misbehaves on purpose: after `after` object
 * uploads have gone through, every further upload gets a 503, a reset connection, or no answer.
 * Requests are forwarded byte for byte (Host header included, so signatures still verify).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = '503' | 'reset' | 'hang';

export interface FaultProxy {
  url: string;
  uploads: () => number;
  close: () => Promise<void>;
}

export async function startFaultProxy(target: string, fault: Fault, after: number): Promise<FaultProxy> {
  const upstream = new URL(target);
  let uploads = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isUpload = req.method === 'PUT' && /\/cas\//.test(req.url ?? '');
    if (isUpload && ++uploads > after) {
      if (fault === '503') {
        req.resume();
        res.writeHead(503, { 'content-type': 'application/xml' }).end('<Error><Code>ServiceUnavailable</Code></Error>');
        return;
      }
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      hanging.add(res);
      req.resume();
      return;
    }
    const fwd = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads: () => uploads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
