// The HAProxy configuration of a test cluster: one HTTP front on 127.0.0.1,
// round robin over the nodes, each checked on /health/ready
// (docs.haproxy.org/2.6/configuration.html).
export interface Backend {
  name: string; // a node's id, as the log names it
  port: number; // on 127.0.0.1
}

// Every request is logged as its headers come back (`logasap`), so a
// WebSocket shows up at its 101 and not when it closes:
//   routed nodes/node-1 101 "GET /ocpp/CP-1 HTTP/1.1"
export const ROUTED_LOG_FORMAT = 'routed %b/%s %ST %{+Q}r';

export interface HaproxyOptions {
  // Connections at once, for the process and the front (each takes two open
  // files): a benchmark's thousands of station sockets. Unset: HAProxy's own defaults.
  maxConnections?: number;
}

export function haproxyConfig(port: number, backends: readonly Backend[], o: HaproxyOptions = {}): string {
  const maxconn = o.maxConnections === undefined ? [] : [`  maxconn ${o.maxConnections}`];
  return [
    'global',
    '  log stderr format raw local0 info',
    '  nbthread 1',
    ...maxconn,
    '',
    'defaults',
    '  mode http',
    ...maxconn,
    '  log global',
    '  option logasap',
    `  log-format "${ROUTED_LOG_FORMAT}"`,
    '  timeout connect 2s',
    // Longer than a live status stream's heartbeat (HTTP_IDLE_TIMEOUT_MS / 2 = 60 s).
    '  timeout client 2m',
    '  timeout server 2m',
    // A station's WebSocket, once upgraded, may be quiet for a heartbeat interval or more.
    '  timeout tunnel 1h',
    // /health/ready asks the database and Vipps: on a busy machine it may take longer than `inter`.
    '  timeout check 5s',
    // A request sent to a node that has just died goes to another one.
    '  option redispatch',
    '  retries 3',
    '  option forwardfor',
    '',
    'frontend ladepay',
    `  bind 127.0.0.1:${port}`,
    '  default_backend nodes',
    '',
    'backend nodes',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    // A dead or draining node is out after two failed checks (about 0.6 s), back after one good one.
    '  default-server inter 300ms fall 2 rise 1',
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`),
    '',
  ].join('\n');
}
