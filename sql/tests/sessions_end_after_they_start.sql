-- A singular test: the rows it returns fail it.
select session_id, session_start, session_end
from {{ ref('sessions') }}
where session_end < session_start or duration_seconds < 0
