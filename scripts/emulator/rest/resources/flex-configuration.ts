/**
 * Flex `GET /v1/Configuration`: the account's Flex settings. Setup reads
 * `flex_service_instance_sid` (the Conversations service Flex uses) and the TaskRouter workspace and
 * workflow a Studio flow sends tasks to; the many other fields are answered mostly empty.
 */
import type { Route } from '../router';
import type { FlexAccountContext } from './addresses';
import { isoDate } from './common';

const EMPTY_FIELDS = [
  'date_updated', 'attributes', 'taskrouter_target_taskqueue_sid',
  'taskrouter_taskqueues', 'taskrouter_skills', 'taskrouter_worker_channels', 'taskrouter_worker_attributes',
  'taskrouter_offline_activity_sid', 'runtime_domain', 'messaging_service_instance_sid', 'chat_service_instance_sid',
  'flex_instance_sid', 'ui_attributes', 'ui_dependencies', 'crm_type', 'crm_callback_url', 'crm_fallback_url',
  'crm_attributes', 'public_attributes', 'plugin_service_attributes', 'integrations', 'outbound_call_flows',
  'serverless_service_sids', 'queue_stats_configuration', 'notifications', 'markdown', 'flex_insights_hr', 'flex_url',
  'channel_configs', 'debugger_integration', 'flex_ui_status_report', 'agent_conv_end_methods', 'citrix_voice_vdi', 'offline_config',
] as const;

export function flexConfigurationRoutes(context: FlexAccountContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/v1/Configuration',
      handler: () => ({
        status: 200,
        body: {
          ...Object.fromEntries(EMPTY_FIELDS.map((field) => [field, null])),
          account_sid: context.accountSid,
          date_created: isoDate(context.account.created),
          status: 'ok',
          flex_service_instance_sid: context.account.conversationsServiceSid,
          taskrouter_workspace_sid: context.account.workspaceSid,
          taskrouter_target_workflow_sid: context.account.workflowSid,
          ui_language: 'en',
          ui_version: '~2.0.0',
          service_version: null,
          call_recording_enabled: false,
          call_recording_webhook_url: null,
          crm_enabled: false,
          plugin_service_enabled: false,
          flex_insights_drilldown: false,
          url: 'https://flex-api.twilio.com/v1/Configuration',
        },
      }),
    },
  ];
}
