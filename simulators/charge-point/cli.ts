import { createInterface } from 'node:readline';
import { parseCliArgs, usage } from './cli-args.ts';
import { runCommand } from './cli-commands.ts';
import { startFleet } from './fleet.ts';
import type { ChargePoint } from './charge-point.ts';
import type { Logger } from './logger.ts';

// npm run sim:stations -- --url ws://127.0.0.1:8080/ocpp --stations 10 --version 1.6

const stamp = (): string => new Date().toISOString().slice(11, 23);
const logger: Logger = {
  info: (...a) => console.log(stamp(), ...a),
  warn: (...a) => console.warn(stamp(), 'WARN', ...a),
  error: (...a) => console.error(stamp(), 'ERROR', ...a),
};

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') return void console.log(usage);
  if (parsed.kind === 'error') {
    console.error(`${parsed.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const cfg = parsed.config;
  const versions = cfg.mix === undefined ? cfg.protocol : `${Math.round(cfg.mix * 100)} % on 2.0.1, the rest on 1.6`;
  logger.info(`starting ${cfg.stations} station(s) (${versions}) against ${cfg.url}/<id>, ids ${cfg.idPrefix}001…`);
  logger.info(`${cfg.connectors} connector(s) each, time ×${cfg.timeScale}, meter values every ${cfg.meterIntervalSeconds} s${cfg.autoPlugIn ? ', auto-plug on' : ''}${cfg.tariffs ? ', tariffs on' : ''}`);

  const fleet = await startFleet({
    csmsUrl: cfg.url,
    count: cfg.stations,
    idPrefix: cfg.idPrefix,
    password: cfg.password,
    protocol: cfg.protocol,
    ...(cfg.offer ? { offer: cfg.offer } : {}),
    protocolMix: cfg.mix,
    connectors: cfg.connectors,
    timeScale: cfg.timeScale,
    meterIntervalSeconds: cfg.meterIntervalSeconds,
    autoPlugIn: cfg.autoPlugIn,
    screens: cfg.screens,
    tariffs: cfg.tariffs,
    bootTimeoutMs: 0,
    logger,
    onFrame: cfg.verbose ? (f) => console.log(stamp(), f.dir === 'out' ? '→' : '←', f.text) : undefined,
  });
  fleet.stations.forEach(narrate);
  logger.info(`${fleet.stations.length} station(s) online. Type "help" for commands, Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping stations…');
    void fleet.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    runCommand(line, fleet.stations).then(
      (out) => out && console.log(out),
      (err: unknown) => console.error(err instanceof Error ? err.message : String(err)),
    );
  });
}

function narrate(cp: ChargePoint): void {
  const id = cp.stationId;
  cp.on('statusChanged', (no, status) => logger.info(`${id}/${String(no)} ${String(status)}`));
  cp.on('transactionStarted', (no, tx) => logger.info(`${id}/${String(no)} transaction ${String(tx)} started`));
  cp.on('transactionEnded', (no, tx, reason) => logger.info(`${id}/${String(no)} transaction ${String(tx)} ended (${String(reason)})`));
  cp.on('disconnected', () => logger.info(`${id} disconnected`));
  cp.on('connected', () => logger.info(`${id} connected (${cp.protocol})`));
}

main().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
