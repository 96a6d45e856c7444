{{ config(materialized='view') }}
{#- Page views per session, per day the sessions started. -#}
select
  cast(session_start as date) as day,
  count(*) as sessions,
  sum(page_views) as page_views,
  round(avg(page_views), 2) as page_views_per_session,
  round(avg(duration_seconds), 1) as avg_session_seconds
from {{ ref('sessions') }}
group by cast(session_start as date)
