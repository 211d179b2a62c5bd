import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listenLocally } from './localServer.js';

/** One accepted upgrade: what the client sent, and the server's end of the socket. */
export interface Upgrade {
  url: string;
  authorization: string | undefined;
  protocols: string[];
  socket: WebSocket;
}

/**
 * A WebSocket server on 127.0.0.1 for the transport's framing and auth: it records each upgrade and can refuse
 * or stall one (`intercept` returns true to take the raw socket). It speaks no protocol by itself.
 */
export async function startSocketServer(intercept?: (req: IncomingMessage, socket: Duplex) => boolean) {
  const wss = new WebSocketServer({ noServer: true });
  const upgrades: Upgrade[] = [];
  const waiting: Array<(u: Upgrade) => void> = [];
  // Upgraded and stalled sockets leave the HTTP server's bookkeeping, so close() destroys them itself.
  const raw = new Set<Duplex>();
  const server: Server = createServer();
  server.on('upgrade', (req, socket, head) => {
    raw.add(socket);
    if (intercept?.(req, socket)) {
      socket.resume();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const upgrade = {
        url: req.url ?? '',
        authorization: req.headers.authorization,
        protocols: (req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        socket: ws,
      };
      upgrades.push(upgrade);
      waiting.shift()?.(upgrade);
    });
  });
  const origin = await listenLocally(server);
  let seen = 0;
  return {
    origin,
    upgrades,
    /** The next upgrade not yet handed out. */
    nextUpgrade: () =>
      new Promise<Upgrade>((resolve) => {
        const index = seen++;
        if (upgrades.length > index) resolve(upgrades[index]!);
        else waiting.push(resolve);
      }),
    async close() {
      for (const socket of raw) socket.destroy();
      await closeServer(server);
    },
  };
}
