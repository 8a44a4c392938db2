import type { DefaultTemplateSet } from './index.js';

/** 简体中文默认模板。变量与英文模板相同。 */
export const zhCN: DefaultTemplateSet = {
  order_confirmation: {
    subject: '订单 {{ order.number }} 已确认',
    text: `尊敬的 {{ customer.name }}：

感谢您的订单 {{ order.number }}。我们已收到订单，并会在每个环节及时通知您。

{% for line in order.lines %}- {{ line.name }}（{{ line.sku }}）× {{ line.quantity }}：{{ line.total }}
{% endfor %}
合计：{{ order.total }}
要求交货日期：{{ order.requestedDeliveryDate }}

订单确认书见附件。{% if portalUrl %}您可以在 {{ portalUrl }} 查看订单进度。{% endif %}

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】感谢您的订单 {{ order.number }}（{{ order.total }}），我们会及时通知您进度。',
    attachments: ['confirmation'],
  },
  status_update: {
    subject: '订单 {{ order.number }}：{{ order.statusLabel }}',
    text: `尊敬的 {{ customer.name }}：

您的订单 {{ order.number }} 当前状态：{{ order.statusLabel }}。{% if order.promisedDeliveryDate %}
预计交货日期：{{ order.promisedDeliveryDate }}。{% endif %}

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 当前状态：{{ order.statusLabel }}。',
  },
  change_approval_request: {
    subject: '请确认订单 {{ order.number }} 的变更',
    text: `尊敬的 {{ customer.name }}：

我们希望变更您的订单 {{ order.number }}，订单金额由 {{ change.totalBefore }} 变为 {{ change.totalAfter }}。

请{% if portalUrl %}在 {{ portalUrl }} {% endif %}确认或拒绝此变更。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 有一项变更（{{ change.totalBefore }} → {{ change.totalAfter }}）需要您确认。',
  },
  change_notification: {
    subject: '订单 {{ order.number }} 已变更',
    text: `尊敬的 {{ customer.name }}：

您的订单 {{ order.number }} 已变更，当前合计为 {{ order.total }}。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 已变更，新合计 {{ order.total }}。',
  },
  payment_reminder: {
    subject: '订单 {{ order.number }} 付款提醒',
    text: `尊敬的 {{ customer.name }}：

订单 {{ order.number }} 的 {{ payment.amountOverdue }} 已于 {{ payment.dueDate }} 到期。如您已付款，请忽略本消息。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 的 {{ payment.amountOverdue }} 已于 {{ payment.dueDate }} 到期。',
  },
  shipping_update: {
    subject: '订单 {{ order.number }} 已发货',
    text: `尊敬的 {{ customer.name }}：

{% if shipment.status %}订单 {{ order.number }} 物流更新：{{ shipment.statusLabel }}{% if shipment.location %}（{{ shipment.location }}）{% endif %}。{% else %}您的订单 {{ order.number }} 已通过 {{ shipment.carrier }} 发货。{% endif %}{% if shipment.trackingNumber %}
运单号：{{ shipment.trackingNumber }}{% endif %}{% if shipment.trackingUrl %}
物流查询：{{ shipment.trackingUrl }}{% endif %}

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 已发货{% if shipment.trackingNumber %}，运单号 {{ shipment.trackingNumber }}{% endif %}。',
  },
  delivery_coordination: {
    subject: '订单 {{ order.number }} 正在派送',
    text: `尊敬的 {{ customer.name }}：

您的订单 {{ order.number }} 今天正在派送，请安排人员签收。如不方便，请回复本消息，我们将另约时间。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 今天派送，请安排签收；如需改期请回复。',
  },
  delivery_confirmation: {
    subject: '订单 {{ order.number }} 已送达',
    text: `尊敬的 {{ customer.name }}：

您的订单 {{ order.number }} 已送达{% if shipment.signedBy %}，签收人：{{ shipment.signedBy }}{% endif %}。如有任何问题，请告诉我们。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 已送达。如有问题请联系我们。',
  },
  issue_acknowledgement: {
    subject: '我们已收到您的问题{% if case.number %} {{ case.number }}{% endif %}',
    text: `尊敬的 {{ customer.name }}：

感谢您的反馈。我们已记录您的问题{% if case.number %} {{ case.number }}{% endif %}，将尽快答复您。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】已收到您的问题{% if case.number %} {{ case.number }}{% endif %}，我们将尽快答复。',
  },
  issue_resolution: {
    subject: '您的问题{% if case.number %} {{ case.number }}{% endif %}已解决',
    text: `尊敬的 {{ customer.name }}：

您的问题{% if case.number %} {{ case.number }}{% endif %}已经解决。{% if case.resolution %}
{{ case.resolution }}{% endif %}

如您仍不满意，请直接回复本消息。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】您的问题{% if case.number %} {{ case.number }}{% endif %}已解决，如有疑问请回复。',
  },
  follow_up: {
    subject: '订单 {{ order.number }} 您还满意吗？',
    text: `尊敬的 {{ customer.name }}：

您的订单 {{ order.number }} 已于几天前完成。我们很想了解您的体验，如有任何需要，请随时联系我们。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】订单 {{ order.number }} 您还满意吗？欢迎告诉我们您的体验。',
  },
  greeting: {
    subject: '{{ company.name }} 向您致以问候',
    text: `尊敬的 {{ customer.name }}：

{{ company.name }} 全体同仁向您致以诚挚的问候，感谢您一直以来的支持。

此致
{{ company.name }}`,
    sms: '【{{ company.name }}】向您致以诚挚的问候，感谢您的支持！',
  },
};
