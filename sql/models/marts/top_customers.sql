{#- The customers with the highest predicted lifetime value, ranked: an audience for syncs
    (e.g. model: analytics.top_customers in a sync of roundtrip.yml). Needs `roundtrip models run`. -#}
with ranked as (
  select l.canonical_user_id, p.email, p.first_name, p.last_name,
    round(l.clv, 2) as clv, round(l.p_alive, 4) as p_alive,
    round(l.expected_purchases, 3) as expected_purchases, l.frequency, l.decile,
    row_number() over (order by l.clv desc, l.canonical_user_id) as clv_rank
  from {{ source('roundtrip_models', 'ltv_customers') }} l
  left join {{ source('roundtrip_models', 'profiles') }} p on p.canonical_user_id = l.canonical_user_id
)
select * from ranked
where clv_rank <= {{ var('top_customers_limit', 100) }}
