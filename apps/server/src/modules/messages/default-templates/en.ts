import type { DefaultTemplateSet } from './index.js';

/** English defaults. Variables: see README "Messages" (customer, order, company, shipment, change, payment, portalUrl). */
export const en: DefaultTemplateSet = {
  order_confirmation: {
    subject: 'Order {{ order.number }} confirmed',
    text: `Dear {{ customer.name }},

Thank you for your order {{ order.number }}. We have received it and will keep you informed at every step.

{% for line in order.lines %}- {{ line.quantity }} × {{ line.name }} ({{ line.sku }}): {{ line.total }}
{% endfor %}
Total: {{ order.total }}
Requested delivery: {{ order.requestedDeliveryDate }}

The order confirmation is attached.{% if portalUrl %} Follow your order at {{ portalUrl }}.{% endif %}

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: thank you for order {{ order.number }} ({{ order.total }}). We will keep you informed.',
    attachments: ['confirmation'],
  },
  status_update: {
    subject: 'Order {{ order.number }}: {{ order.statusLabel }}',
    text: `Dear {{ customer.name }},

Your order {{ order.number }} is now: {{ order.statusLabel }}.{% if order.promisedDeliveryDate %}
Expected delivery: {{ order.promisedDeliveryDate }}.{% endif %}

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: order {{ order.number }} is now {{ order.statusLabel }}.',
  },
  change_approval_request: {
    subject: 'Please approve a change to order {{ order.number }}',
    text: `Dear {{ customer.name }},

We would like to change your order {{ order.number }}. The total changes from {{ change.totalBefore }} to {{ change.totalAfter }}.

Please approve or decline the change{% if portalUrl %} at {{ portalUrl }}{% endif %}.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: a change to order {{ order.number }} ({{ change.totalBefore }} → {{ change.totalAfter }}) needs your approval.',
  },
  change_notification: {
    subject: 'Order {{ order.number }} was changed',
    text: `Dear {{ customer.name }},

Your order {{ order.number }} was changed. The total is now {{ order.total }}.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: order {{ order.number }} was changed; new total {{ order.total }}.',
  },
  payment_reminder: {
    subject: 'Payment reminder for order {{ order.number }}',
    text: `Dear {{ customer.name }},

Our records show {{ payment.amountOverdue }} for order {{ order.number }} was due on {{ payment.dueDate }}. If you have already paid, please ignore this message.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: {{ payment.amountOverdue }} for order {{ order.number }} was due on {{ payment.dueDate }}.',
  },
  shipping_update: {
    subject: 'Order {{ order.number }} is on its way',
    text: `Dear {{ customer.name }},

{% if shipment.status %}Shipment update for order {{ order.number }}: {{ shipment.statusLabel }}{% if shipment.location %} ({{ shipment.location }}){% endif %}.{% else %}Your order {{ order.number }} has shipped with {{ shipment.carrier }}.{% endif %}{% if shipment.trackingNumber %}
Tracking number: {{ shipment.trackingNumber }}{% endif %}{% if shipment.trackingUrl %}
Track it at {{ shipment.trackingUrl }}{% endif %}

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: order {{ order.number }} shipped{% if shipment.trackingNumber %}, tracking {{ shipment.trackingNumber }}{% endif %}.',
  },
  delivery_coordination: {
    subject: 'Order {{ order.number }} is out for delivery',
    text: `Dear {{ customer.name }},

Your order {{ order.number }} is out for delivery today. Please make sure someone can receive and sign for it. If that is not possible, reply to this message and we will arrange another time.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: order {{ order.number }} is out for delivery today. Reply to rearrange.',
  },
  delivery_confirmation: {
    subject: 'Order {{ order.number }} was delivered',
    text: `Dear {{ customer.name }},

Your order {{ order.number }} was delivered{% if shipment.signedBy %} and signed for by {{ shipment.signedBy }}{% endif %}. If anything is not as expected, please let us know.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: order {{ order.number }} was delivered. Anything wrong? Let us know.',
  },
  issue_acknowledgement: {
    subject: 'We have received your request{% if case.number %} {{ case.number }}{% endif %}',
    text: `Dear {{ customer.name }},

Thank you for telling us. We have recorded your request{% if case.number %} {{ case.number }}{% endif %} and will get back to you shortly.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: we received your request{% if case.number %} {{ case.number }}{% endif %} and will reply shortly.',
  },
  issue_resolution: {
    subject: 'Your request{% if case.number %} {{ case.number }}{% endif %} is resolved',
    text: `Dear {{ customer.name }},

Your request{% if case.number %} {{ case.number }}{% endif %} has been resolved.{% if case.resolution %}
{{ case.resolution }}{% endif %}

If you are not satisfied, simply reply to this message.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: your request{% if case.number %} {{ case.number }}{% endif %} is resolved. Reply if anything is open.',
  },
  follow_up: {
    subject: 'How was your order {{ order.number }}?',
    text: `Dear {{ customer.name }},

Your order {{ order.number }} was completed a few days ago. We would love to hear how everything went, and we are here if you need anything.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }}: how was order {{ order.number }}? We would love to hear from you.',
  },
  greeting: {
    subject: 'Best wishes from {{ company.name }}',
    text: `Dear {{ customer.name }},

All of us at {{ company.name }} send you our best wishes. Thank you for being our customer.

Kind regards,
{{ company.name }}`,
    sms: '{{ company.name }} sends you our best wishes. Thank you for being our customer!',
  },
};
