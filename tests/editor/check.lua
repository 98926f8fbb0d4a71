-- The language server in a real editor: Neovim's built-in LSP client (0.7 and later) runs
-- `relcheck lsp` on the relation file open in the current buffer, which carries one mutation (a
-- language tag written `NB`). The client must show the server's finding on the right line, and
-- the code action it offers, chosen through Neovim's own code action menu, must fix the file.
-- Any failure ends Neovim with exit code 1 and a message on standard error.

local timeout = 60000

local function fail(message)
  io.stderr:write('editor test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function finding(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'R602' then
      return d
    end
  end
end

local function run()
  local relcheck = assert(os.getenv('RELCHECK'), 'RELCHECK: the relcheck binary')
  local root = assert(os.getenv('DATASET'), 'DATASET: the dataset root')
  local expected_line = tonumber((assert(os.getenv('EXPECTED_LINE'), 'EXPECTED_LINE: the line of the mutation')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({ name = 'relcheck', cmd = { relcheck, 'lsp' }, root_dir = root })
  if not client_id then
    return fail('the LSP client did not start `' .. relcheck .. ' lsp`')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- The finding, as the editor shows it.
  if not vim.wait(timeout, function() return finding(bufnr) ~= nil end, 50) then
    local shown = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(shown, tostring(d.code) .. ' line ' .. (d.lnum + 1))
    end
    return fail('no R602 (language-tag-case) diagnostic within 60 s; shown: ' .. table.concat(shown, ', '))
  end
  local d = finding(bufnr)
  if d.lnum + 1 ~= expected_line then
    return fail(('R602 is shown on line %d, expected line %d'):format(d.lnum + 1, expected_line))
  end
  if d.source ~= 'relcheck' or d.severity ~= vim.diagnostic.severity.WARN then
    return fail('R602 is not a relcheck warning: ' .. vim.inspect(d))
  end
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  if line:sub(d.col + 1, d.end_col) ~= '"NB"' then
    return fail(('R602 underlines `%s`, not the tag "NB"'):format(line:sub(d.col + 1, d.end_col)))
  end

  -- The code action menu, answered as a user picks the preferred fix.
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do
      table.insert(offered, item[2].title)
    end
    for i, item in ipairs(items) do
      if item[2].isPreferred and item[2].kind == 'quickfix' then
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 1 })
  vim.lsp.buf.code_action()
  local fixed = vim.wait(timeout, function()
    return vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]:find('"nb"', 1, true) ~= nil
  end, 50)
  if not fixed then
    return fail('the code action did not fix the tag; offered: ' .. table.concat(offered, ' | '))
  end
  vim.cmd('silent write')
  if not vim.wait(timeout, function() return finding(bufnr) == nil end, 50) then
    return fail('R602 is still shown after the fix')
  end
  vim.lsp.stop_client(client_id)
  vim.cmd('qall!')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  fail(tostring(err))
end
