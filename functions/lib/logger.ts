/** Where Functions write; Twilio keeps console output as the Function's log. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function line(message: string, fields?: Record<string, unknown>): string {
  return fields === undefined ? message : `${message} ${JSON.stringify(fields)}`;
}

/** One line per event, structured fields as JSON. Callers pass SIDs and codes, never tokens or secrets. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.log(line(message, fields)),
  warn: (message, fields) => console.warn(line(message, fields)),
  error: (message, fields) => console.error(line(message, fields)),
};
