import { createRouter } from '../router';
import * as h from './webhooks.handlers';
import * as r from './webhooks.routes';

export const webhooksRouter = createRouter();
webhooksRouter
  .openapi(r.createWebhook, h.createWebhookHandler)
  .openapi(r.listWebhooks, h.listWebhooksHandler)
  .openapi(r.getWebhook, h.getWebhookHandler)
  .openapi(r.updateWebhook, h.updateWebhookHandler)
  .openapi(r.deleteWebhook, h.deleteWebhookHandler)
  .openapi(r.testWebhook, h.testWebhookHandler)
  .openapi(r.rotateWebhookSecret, h.rotateWebhookSecretHandler)
  .openapi(r.enableWebhook, h.enableWebhookHandler)
  .openapi(r.listWebhookDeliveries, h.listWebhookDeliveriesHandler)
  .openapi(r.retryWebhookDelivery, h.retryWebhookDeliveryHandler);
