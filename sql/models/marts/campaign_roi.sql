{#- The campaign funnel of Segment's campaign ROI guide: people a campaign brought (first touch), how
    many reached the store, viewed a product and ordered, their revenue, and the return on the
    campaign's spend (the campaign_spend seed). -#}
with first_touch as (
  select person_id,
    min_by(campaign_name, event_at) as campaign_name,
    min_by(campaign_medium, event_at) as campaign_medium,
    min(event_at) as touched_at
  from {{ ref('stg_activity') }}
  where campaign_name is not null
  group by person_id
),
journeys as (
  select t.campaign_name, t.campaign_medium, t.person_id,
    max(case when a.event_type = 'page' and a.page_path like '/store%' then 1 else 0 end) as visited_store,
    max(case when a.event_type = 'track' and a.event_name = 'Product Viewed' then 1 else 0 end) as viewed_product
  from first_touch t
  join {{ ref('stg_activity') }} a on a.person_id = t.person_id and a.event_at >= t.touched_at
  group by t.campaign_name, t.campaign_medium, t.person_id
),
purchases as (
  select t.person_id, count(*) as orders, sum(o.revenue) as revenue
  from first_touch t
  join {{ ref('stg_orders') }} o on o.person_id = t.person_id and o.ordered_at >= t.touched_at
  group by t.person_id
),
funnel as (
  select j.campaign_name, j.campaign_medium,
    count(*) as people,
    sum(j.visited_store) as visited_store,
    sum(j.viewed_product) as viewed_product,
    count(p.person_id) as ordered,
    coalesce(sum(p.orders), 0) as orders,
    round(coalesce(sum(p.revenue), 0), 2) as revenue
  from journeys j
  left join purchases p on p.person_id = j.person_id
  group by j.campaign_name, j.campaign_medium
)
select f.*,
  round(f.ordered / f.people, 4) as conversion_rate,
  s.spend,
  round((f.revenue - s.spend) / s.spend, 4) as roi
from funnel f
left join {{ ref('campaign_spend') }} s
  on s.campaign_name = f.campaign_name and s.campaign_medium = f.campaign_medium
