/**
 * Twilio Serverless state: services, their environments and variables, functions and assets with
 * uploaded versions, builds and deployments. Pure (no HTTP). Builds complete as soon as they are
 * created: Twilio's take seconds to minutes, but nothing a caller can observe differs except time.
 */
import { randomInt } from 'node:crypto';
import { newSid } from './sids';
import { TwilioError, invalidParameter } from '../twilio-errors';

export type Visibility = 'public' | 'private' | 'protected';
export type CodeKind = 'function' | 'asset';

interface Dated {
  sid: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface ServiceRecord extends Dated {
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  /** e.g. `twilio-webchat-1234`: environments' domains are made from it. */
  domainBase: string;
}

export interface EnvironmentRecord extends Dated {
  serviceSid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  /** The build its latest deployment activated. */
  buildSid: string | null;
}

export interface VariableRecord extends Dated {
  serviceSid: string;
  environmentSid: string;
  key: string;
  value: string;
}

/** A Function or an Asset: a named slot whose content lives in versions. */
export interface CodeRecord extends Dated {
  kind: CodeKind;
  serviceSid: string;
  friendlyName: string;
}

export interface VersionRecord extends Omit<Dated, 'dateUpdated'> {
  kind: CodeKind;
  serviceSid: string;
  resourceSid: string;
  path: string;
  visibility: Visibility;
  content: Buffer;
}

export interface Dependency {
  name: string;
  version: string;
}

export interface BuildRecord extends Dated {
  serviceSid: string;
  functionVersionSids: string[];
  assetVersionSids: string[];
  dependencies: Dependency[];
  runtime: string;
  status: 'building' | 'completed' | 'failed';
}

export interface DeploymentRecord extends Dated {
  serviceSid: string;
  environmentSid: string;
  buildSid: string;
}

/**
 * A duplicate unique name is a 409 conflict; the OpenAPI descriptions list no error codes, so this
 * is Twilio's generic parameter code. Callers (twilio-run included) only test that creation failed.
 */
const UNIQUE_NAME_TAKEN = 20001;

export class ServerlessStore {
  readonly services = new Map<string, ServiceRecord>();
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly variables = new Map<string, VariableRecord>();
  readonly code = new Map<string, CodeRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly builds = new Map<string, BuildRecord>();
  readonly deployments = new Map<string, DeploymentRecord>();
  private seq = 0;

  private dated(prefix: Parameters<typeof newSid>[0]): Dated {
    const now = new Date();
    return { sid: newSid(prefix), dateCreated: now, dateUpdated: now, seq: ++this.seq };
  }

  createService(input: { uniqueName: string; friendlyName: string; includeCredentials: boolean; uiEditable: boolean }): ServiceRecord {
    if (!/^[A-Za-z0-9-]{1,50}$/.test(input.uniqueName)) {
      throw invalidParameter('UniqueName must be at most 50 characters: letters, digits and hyphens');
    }
    if ([...this.services.values()].some((service) => service.uniqueName === input.uniqueName)) {
      throw new TwilioError(409, UNIQUE_NAME_TAKEN, `Service with UniqueName ${input.uniqueName} already exists`);
    }
    const record: ServiceRecord = { ...this.dated('ZS'), ...input, domainBase: `${input.uniqueName}-${randomInt(1000, 10000)}` };
    this.services.set(record.sid, record);
    return record;
  }

  createEnvironment(service: ServiceRecord, uniqueName: string, domainSuffix: string | null): EnvironmentRecord {
    const siblings = this.list(this.environments, service.sid);
    if (siblings.some((environment) => environment.uniqueName === uniqueName)) {
      throw new TwilioError(409, UNIQUE_NAME_TAKEN, `Environment with UniqueName ${uniqueName} already exists`);
    }
    if (siblings.some((environment) => environment.domainSuffix === domainSuffix)) {
      throw new TwilioError(409, UNIQUE_NAME_TAKEN, 'An Environment with this DomainSuffix already exists');
    }
    const domainName = `${service.domainBase}${domainSuffix === null ? '' : `-${domainSuffix}`}.twil.io`;
    const record: EnvironmentRecord = { ...this.dated('ZE'), serviceSid: service.sid, uniqueName, domainSuffix, domainName, buildSid: null };
    this.environments.set(record.sid, record);
    return record;
  }

  setVariable(environment: EnvironmentRecord, key: string, value: string): VariableRecord {
    if (this.list(this.variables, environment.serviceSid).some((v) => v.environmentSid === environment.sid && v.key === key)) {
      throw new TwilioError(409, UNIQUE_NAME_TAKEN, `Variable with Key ${key} already exists`);
    }
    const record: VariableRecord = { ...this.dated('ZV'), serviceSid: environment.serviceSid, environmentSid: environment.sid, key, value };
    this.variables.set(record.sid, record);
    return record;
  }

  createCode(service: ServiceRecord, kind: CodeKind, friendlyName: string): CodeRecord {
    const record: CodeRecord = { ...this.dated('ZH'), kind, serviceSid: service.sid, friendlyName };
    this.code.set(record.sid, record);
    return record;
  }

  addVersion(resource: CodeRecord, input: { path: string; visibility: Visibility; content: Buffer }): VersionRecord {
    const { dateUpdated: _unused, ...dated } = this.dated('ZN');
    const record: VersionRecord = { ...dated, kind: resource.kind, serviceSid: resource.serviceSid, resourceSid: resource.sid, ...input };
    this.versions.set(record.sid, record);
    return record;
  }

  createBuild(service: ServiceRecord, input: Omit<BuildRecord, keyof Dated | 'serviceSid' | 'status'>): BuildRecord {
    for (const [kind, sids] of [['function', input.functionVersionSids], ['asset', input.assetVersionSids]] as const) {
      for (const sid of sids) {
        const version = this.versions.get(sid);
        if (version?.serviceSid !== service.sid || version.kind !== kind) {
          throw invalidParameter(`${sid} is not a ${kind} version of service ${service.sid}`);
        }
      }
    }
    const record: BuildRecord = { ...this.dated('ZB'), serviceSid: service.sid, ...input, status: 'completed' };
    this.builds.set(record.sid, record);
    return record;
  }

  deploy(environment: EnvironmentRecord, build: BuildRecord): DeploymentRecord {
    if (build.serviceSid !== environment.serviceSid) throw invalidParameter(`Build ${build.sid} belongs to another service`);
    const record: DeploymentRecord = { ...this.dated('ZD'), serviceSid: environment.serviceSid, environmentSid: environment.sid, buildSid: build.sid };
    this.deployments.set(record.sid, record);
    environment.buildSid = build.sid;
    environment.dateUpdated = record.dateCreated;
    return record;
  }

  /** The records of one service, in creation order. */
  list<T extends { serviceSid: string; seq: number }>(records: Map<string, T>, serviceSid: string): T[] {
    return [...records.values()].filter((record) => record.serviceSid === serviceSid);
  }

  /** No services at all, as on an account that never deployed. */
  reset(): void {
    for (const records of [this.services, this.environments, this.variables, this.code, this.versions, this.builds, this.deployments]) records.clear();
  }

  /** Deletes a service and everything in it, as Twilio does. */
  deleteService(sid: string): void {
    this.services.delete(sid);
    for (const records of [this.environments, this.variables, this.code, this.versions, this.builds, this.deployments] as Map<string, { serviceSid: string }>[]) {
      for (const [key, record] of records) if (record.serviceSid === sid) records.delete(key);
    }
  }
}
