{{ config(materialized='incremental', incremental_strategy='time_range', time_column='day') }}
{#- Active people per day. Incremental: a run replaces the days from the last one loaded up to today,
    --start/--end replace exactly that interval (backfills and reruns give the same table). -#}
select
  date_trunc('DAY', event_at) as day,
  count(distinct person_id) as active_people,
  count(distinct user_id) as identified_users,
  count(*) as events
from {{ ref('stg_activity') }}
{% if is_incremental() -%}
where event_at >= {{ time_range.start }} and event_at < {{ time_range.end }}
{%- endif %}
group by date_trunc('DAY', event_at)
