{#- Sessions: a person's events with no gap longer than session_inactivity_minutes (30) between them. -#}
{%- set gap = var('session_inactivity_minutes', 30) %}
with activity as (
  select *,
    lag(event_at) over (partition by person_id order by event_at, event_id) as previous_at
  from {{ ref('stg_activity') }}
),
numbered as (
  select *,
    sum(case when previous_at is null or event_at > previous_at + interval '{{ gap }}' minute then 1 else 0 end)
      over (partition by person_id order by event_at, event_id rows between unbounded preceding and current row)
      as session_number
  from activity
)
select
  concat(person_id, '-', cast(session_number as string)) as session_id,
  person_id,
  session_number,
  min(event_at) as session_start,
  max(event_at) as session_end,
  unix_seconds(max(event_at)) - unix_seconds(min(event_at)) as duration_seconds,
  count(*) as events,
  sum(case when event_type = 'page' then 1 else 0 end) as page_views,
  min_by(page_path, case when event_type = 'page' then event_at end) as landing_page,
  min_by(campaign_name, case when campaign_name is not null then event_at end) as campaign_name,
  min_by(campaign_medium, case when campaign_name is not null then event_at end) as campaign_medium,
  min_by(campaign_source, case when campaign_name is not null then event_at end) as campaign_source
from numbered
group by person_id, session_number
