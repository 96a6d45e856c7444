{#- The rows of an event table with person_id: the identity model's canonical person when that model
    has run, else the user id, else the anonymous id. -#}
{% macro with_person_id(relation) -%}
{%- set identity = load_relation(source('roundtrip_models', 'identity_mappings')) -%}
select e.*,
  {% if identity -%}
  coalesce(by_user.canonical_user_id, by_anonymous.canonical_user_id, e.user_id, e.anonymous_id)
  {%- else -%}
  coalesce(e.user_id, e.anonymous_id)
  {%- endif %} as person_id
from {{ relation }} e
{%- if identity %}
left join {{ identity }} by_user
  on by_user.identifier_type = 'user_id' and by_user.identifier_value = e.user_id
left join {{ identity }} by_anonymous
  on by_anonymous.identifier_type = 'anonymous_id' and by_anonymous.identifier_value = e.anonymous_id
{%- endif %}
{%- endmacro %}
