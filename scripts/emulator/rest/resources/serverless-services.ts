/**
 * Serverless `/v1/Services`, their Environments, Variables and Deployments: what `twilio-run deploy`
 * and the Console use to find a service, give it an environment with a domain, set its variables
 * and activate a build.
 */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { DeploymentRecord, EnvironmentRecord, ServiceRecord, VariableRecord } from '../../store/serverless-store';
import { notFound } from '../../twilio-errors';
import { isoDate, optionalParam, requiredParam } from './common';
import { SERVERLESS_BASE, booleanParam, requireEnvironment, requireService, type ServerlessContext } from './serverless-common';

function serviceJson(context: ServerlessContext, service: ServiceRecord) {
  const url = `${SERVERLESS_BASE}/${service.sid}`;
  return {
    sid: service.sid,
    account_sid: context.accountSid,
    friendly_name: service.friendlyName,
    unique_name: service.uniqueName,
    include_credentials: service.includeCredentials,
    ui_editable: service.uiEditable,
    domain_base: service.domainBase,
    date_created: isoDate(service.dateCreated),
    date_updated: isoDate(service.dateUpdated),
    url,
    links: { environments: `${url}/Environments`, functions: `${url}/Functions`, assets: `${url}/Assets`, builds: `${url}/Builds` },
  };
}

function environmentJson(context: ServerlessContext, environment: EnvironmentRecord) {
  const url = `${SERVERLESS_BASE}/${environment.serviceSid}/Environments/${environment.sid}`;
  return {
    sid: environment.sid,
    account_sid: context.accountSid,
    service_sid: environment.serviceSid,
    build_sid: environment.buildSid,
    unique_name: environment.uniqueName,
    domain_suffix: environment.domainSuffix,
    domain_name: environment.domainName,
    date_created: isoDate(environment.dateCreated),
    date_updated: isoDate(environment.dateUpdated),
    url,
    links: { variables: `${url}/Variables`, deployments: `${url}/Deployments`, logs: `${url}/Logs` },
  };
}

function variableJson(context: ServerlessContext, variable: VariableRecord) {
  return {
    sid: variable.sid,
    account_sid: context.accountSid,
    service_sid: variable.serviceSid,
    environment_sid: variable.environmentSid,
    key: variable.key,
    value: variable.value,
    date_created: isoDate(variable.dateCreated),
    date_updated: isoDate(variable.dateUpdated),
    url: `${SERVERLESS_BASE}/${variable.serviceSid}/Environments/${variable.environmentSid}/Variables/${variable.sid}`,
  };
}

function deploymentJson(context: ServerlessContext, deployment: DeploymentRecord) {
  return {
    sid: deployment.sid,
    account_sid: context.accountSid,
    service_sid: deployment.serviceSid,
    environment_sid: deployment.environmentSid,
    build_sid: deployment.buildSid,
    date_created: isoDate(deployment.dateCreated),
    date_updated: isoDate(deployment.dateUpdated),
    url: `${SERVERLESS_BASE}/${deployment.serviceSid}/Environments/${deployment.environmentSid}/Deployments/${deployment.sid}`,
  };
}

/** A paged list answer of records in creation order. */
function listOf<T extends { seq: number }>(request: ApiRequest, key: string, url: string, records: T[], toJson: (record: T) => unknown) {
  const page = paginate(records, parsePageRequest(request.params, 1000), { key, url, keyOf: (record) => record.seq });
  return { status: 200, body: { [key]: page.items.map(toJson), meta: page.meta } };
}

export function serverlessServiceRoutes(context: ServerlessContext): Route[] {
  const store = context.serverless;
  const env = '/v1/Services/:serviceSid/Environments/:environmentSid';
  const inEnvironment = (environment: EnvironmentRecord) => <T extends { environmentSid: string }>(record: T) => record.environmentSid === environment.sid;
  return [
    {
      method: 'POST',
      template: '/v1/Services',
      handler: (request) => {
        const service = store.createService({
          uniqueName: requiredParam(request, 'UniqueName'),
          friendlyName: requiredParam(request, 'FriendlyName'),
          includeCredentials: booleanParam(optionalParam(request, 'IncludeCredentials'), 'IncludeCredentials', true),
          uiEditable: booleanParam(optionalParam(request, 'UiEditable'), 'UiEditable', false),
        });
        return { status: 201, body: serviceJson(context, service) };
      },
    },
    {
      method: 'GET',
      template: '/v1/Services',
      handler: (request) => listOf(request, 'services', SERVERLESS_BASE, [...store.services.values()], (s) => serviceJson(context, s)),
    },
    { method: 'GET', template: '/v1/Services/:sid', handler: (request) => ({ status: 200, body: serviceJson(context, requireService(context, request)) }) },
    {
      method: 'POST',
      template: '/v1/Services/:sid',
      handler: (request) => {
        const service = requireService(context, request);
        service.friendlyName = optionalParam(request, 'FriendlyName') ?? service.friendlyName;
        service.includeCredentials = booleanParam(optionalParam(request, 'IncludeCredentials'), 'IncludeCredentials', service.includeCredentials);
        service.uiEditable = booleanParam(optionalParam(request, 'UiEditable'), 'UiEditable', service.uiEditable);
        service.dateUpdated = new Date();
        return { status: 200, body: serviceJson(context, service) };
      },
    },
    {
      method: 'DELETE',
      template: '/v1/Services/:sid',
      handler: (request) => {
        store.deleteService(requireService(context, request).sid);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      template: '/v1/Services/:serviceSid/Environments',
      handler: (request) => {
        const service = requireService(context, request);
        const environment = store.createEnvironment(service, requiredParam(request, 'UniqueName'), optionalParam(request, 'DomainSuffix') ?? null);
        return { status: 201, body: environmentJson(context, environment) };
      },
    },
    {
      method: 'GET',
      template: '/v1/Services/:serviceSid/Environments',
      handler: (request) => {
        const service = requireService(context, request);
        return listOf(request, 'environments', `${SERVERLESS_BASE}/${service.sid}/Environments`, store.list(store.environments, service.sid), (e) => environmentJson(context, e));
      },
    },
    { method: 'GET', template: '/v1/Services/:serviceSid/Environments/:sid', handler: (request) => ({ status: 200, body: environmentJson(context, requireEnvironment(context, request)) }) },
    {
      method: 'POST',
      template: `${env}/Variables`,
      handler: (request) => {
        const variable = store.setVariable(requireEnvironment(context, request), requiredParam(request, 'Key'), requiredParam(request, 'Value'));
        return { status: 201, body: variableJson(context, variable) };
      },
    },
    {
      method: 'GET',
      template: `${env}/Variables`,
      handler: (request) => {
        const environment = requireEnvironment(context, request);
        const variables = store.list(store.variables, environment.serviceSid).filter(inEnvironment(environment));
        return listOf(request, 'variables', `${SERVERLESS_BASE}/${environment.serviceSid}/Environments/${environment.sid}/Variables`, variables, (v) => variableJson(context, v));
      },
    },
    {
      method: 'POST',
      template: `${env}/Variables/:sid`,
      handler: (request) => {
        const variable = requireVariable(context, request);
        variable.key = optionalParam(request, 'Key') ?? variable.key;
        variable.value = optionalParam(request, 'Value') ?? variable.value;
        variable.dateUpdated = new Date();
        return { status: 200, body: variableJson(context, variable) };
      },
    },
    { method: 'GET', template: `${env}/Variables/:sid`, handler: (request) => ({ status: 200, body: variableJson(context, requireVariable(context, request)) }) },
    {
      method: 'DELETE',
      template: `${env}/Variables/:sid`,
      handler: (request) => {
        store.variables.delete(requireVariable(context, request).sid);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      template: `${env}/Deployments`,
      handler: (request) => {
        const environment = requireEnvironment(context, request);
        const build = store.builds.get(requiredParam(request, 'BuildSid'));
        if (build === undefined) throw notFound(request.path);
        return { status: 201, body: deploymentJson(context, store.deploy(environment, build)) };
      },
    },
    {
      method: 'GET',
      template: `${env}/Deployments`,
      handler: (request) => {
        const environment = requireEnvironment(context, request);
        const deployments = store.list(store.deployments, environment.serviceSid).filter(inEnvironment(environment));
        return listOf(request, 'deployments', `${SERVERLESS_BASE}/${environment.serviceSid}/Environments/${environment.sid}/Deployments`, deployments, (d) => deploymentJson(context, d));
      },
    },
    {
      method: 'GET',
      template: `${env}/Deployments/:sid`,
      handler: (request) => {
        const environment = requireEnvironment(context, request);
        const deployment = store.deployments.get(request.pathParams.sid ?? '');
        if (deployment?.environmentSid !== environment.sid) throw notFound(request.path);
        return { status: 200, body: deploymentJson(context, deployment) };
      },
    },
  ];
}

function requireVariable(context: ServerlessContext, request: ApiRequest): VariableRecord {
  const environment = requireEnvironment(context, request);
  const variable = context.serverless.variables.get(request.pathParams.sid ?? '');
  if (variable?.environmentSid !== environment.sid) throw notFound(request.path);
  return variable;
}
