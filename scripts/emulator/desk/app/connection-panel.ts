/**
 * The desk's Connection section: the emulator's realtime fault controls (drop every socket,
 * expire every token, refuse or delay start-ups, delay frames), each logged, so a person can watch
 * the SDK reconnect on both sides.
 */
import { call, errorText, logConnection, ui } from './page';

/** The refusals offered in the Connection section, as the emulator's realtime faults take them. */
const REFUSALS: Record<string, { status: number; code: number; message: string }> = {
  '503': { status: 503, code: 20503, message: 'Service unavailable (injected at the desk)' },
  '401': { status: 401, code: 20101, message: 'Access token invalid (injected at the desk)' },
};

function control(method: 'POST' | 'DELETE', path: string, done: (answer: Record<string, unknown>) => string): void {
  call<Record<string, unknown>>(method, `/__emulator/realtime/${path}`).then(
    (answer) => logConnection(done(answer)),
    (error: unknown) => logConnection(`${path} failed: ${errorText(error)}`),
  );
}

function applyFaults(): void {
  const refusal = REFUSALS[ui.refuseInit.value];
  const spec = {
    initDelayMs: ui.initDelay.valueAsNumber || 0,
    frameDelayMs: ui.frameDelay.valueAsNumber || 0,
    ...(refusal === undefined ? {} : { refuseInit: { ...refusal, times: ui.refuseTimes.valueAsNumber || 1 } }),
  };
  const described = [
    refusal === undefined ? '' : `refuse start-up with ${refusal.status} ${spec.refuseInit?.times ?? 1}×`,
    spec.initDelayMs > 0 ? `start-up delay ${spec.initDelayMs} ms` : '',
    spec.frameDelayMs > 0 ? `${spec.frameDelayMs} ms per frame` : '',
  ].filter((part) => part !== '');
  // The form states every fault: clear the previous ones rather than adding to them.
  call('DELETE', '/__emulator/realtime/faults')
    .then(() => call('POST', '/__emulator/realtime/faults', spec))
    .then(
      () => logConnection(`faults: ${described.length === 0 ? 'none' : described.join(', ')}`),
      (error: unknown) => logConnection(`faults failed: ${errorText(error)}`),
    );
}

export function wireConnectionPanel(): void {
  ui.drop.addEventListener('click', () => control('POST', 'drop', (answer) => `dropped ${String(answer.dropped)} connection(s)`));
  ui.expire.addEventListener('click', () => control('POST', 'expire', (answer) => `expired ${String(answer.expired)} connection(s)`));
  ui.faults.addEventListener('submit', (event) => {
    event.preventDefault();
    applyFaults();
  });
  ui.clearFaults.addEventListener('click', () => {
    ui.faults.reset();
    control('DELETE', 'faults', () => 'faults: none');
  });
}
