{#- The four generic tests dbt ships, as macros: each selects the rows that fail. A project's own
    {% test unique(...) %} (or macro test_unique) replaces one. -#}

{% macro test_unique(model, column_name) -%}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{%- endmacro %}

{% macro test_not_null(model, column_name) -%}
select *
from {{ model }}
where {{ column_name }} is null
{%- endmacro %}

{% macro test_accepted_values(model, column_name, values, quote=true) -%}
select {{ column_name }} as value_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null and {{ column_name }} not in (
  {%- for value in values -%}
    {%- if quote -%}'{{ value }}'{%- else -%}{{ value }}{%- endif -%}
    {%- if not loop.last %}, {% endif -%}
  {%- endfor -%})
group by {{ column_name }}
{%- endmacro %}

{% macro test_relationships(model, column_name, to, field) -%}
with child as (
  select {{ column_name }} as from_field from {{ model }} where {{ column_name }} is not null
),
parent as (
  select {{ field }} as to_field from {{ to }}
)
select child.from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{%- endmacro %}
