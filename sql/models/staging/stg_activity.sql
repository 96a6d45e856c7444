{#- Page views and track events in one shape, each with its person. Inlined (ephemeral). -#}
with pages as (
  {{ with_person_id(source('segment', 'pages')) }}
),
tracks as (
  {{ with_person_id(source('segment', 'tracks')) }}
)
select 'page' as event_type, id as event_id, person_id, user_id, anonymous_id,
  {{ adapter.quote('timestamp') }} as event_at, name as event_name, path as page_path,
  context_campaign_name as campaign_name, context_campaign_source as campaign_source,
  context_campaign_medium as campaign_medium, referrer
from pages
union all
select 'track' as event_type, id as event_id, person_id, user_id, anonymous_id,
  {{ adapter.quote('timestamp') }} as event_at, event_text as event_name, context_page_path as page_path,
  cast(null as string) as campaign_name, cast(null as string) as campaign_source,
  cast(null as string) as campaign_medium, context_page_referrer as referrer
from tracks
