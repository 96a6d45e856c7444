{#- Completed orders with their person and value (revenue, else total). Inlined (ephemeral). -#}
with orders as (
  {{ with_person_id(source('segment', 'order_completed')) }}
)
select id as event_id, order_id, person_id, {{ adapter.quote('timestamp') }} as ordered_at,
  coalesce(revenue, total) as revenue
from orders
