-- wrk script: POST /api/v1/auth/login with correct demo passwords, cycling through the demo accounts.
-- Correct passwords never count towards the lockout.
local users = {
  "applicant1", "unitadmin1", "unitreviewer1", "dept1", "office1", "committee1",
  "expert1", "monitor1", "sysadmin", "secadmin", "auditadmin",
}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 5
end

function init(args)
  i = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i + 1
  local user = users[(i % #users) + 1]
  return wrk.format("POST", "/api/v1/auth/login", nil,
                    '{"login":"' .. user .. '","password":"demo-2026"}')
end
