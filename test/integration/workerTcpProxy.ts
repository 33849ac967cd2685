// A TCP relay a test can switch off and on, to take a dependency away from one worker only.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** host:port of the proxy. */
  address: string;
  /** Refuses new connections and cuts the open ones: to a client, the target is down. */
  close(): Promise<void>;
  /** Accepts again, on the same port. */
  open(): Promise<void>;
  /**
   * Black hole: cuts the open connections, then accepts new ones and never answers (nothing is
   * relayed either way): to a client, a dependency that hangs. Until relay() is called.
   */
  hang(): void;
  /** Relays again (new connections; the held ones are cut). */
  relay(): void;
}

/**
 * A TCP relay to `target` (host:port) that a test can switch off and on. Used to take the schema
 * registry away from one worker without stopping the registry every other test file shares.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  let hanging = false;
  const cutAll = (): void => { for (const socket of sockets) socket.destroy(); };
  const open = () => new Promise<void>((resolve, reject) => {
    server = createServer((client) => {
      if (hanging) {
        // Held open, read and never answered.
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => client.destroy());
        client.resume();
        return;
      }
      const upstream = connect(port, host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      listenPort = (server!.address() as { port: number }).port;
      resolve();
    });
  });
  await open();
  return {
    address: `127.0.0.1:${listenPort}`,
    async close() {
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      cutAll();
      await closing;
    },
    open,
    hang() {
      hanging = true;
      cutAll();
    },
    relay() {
      hanging = false;
      cutAll();
    },
  };
}
