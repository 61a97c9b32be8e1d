-- Run by test/unit/server/neovim.test.ts in headless Neovim (0.7+): loads the README's Neovim
-- configuration, opens a file with BCELoss fed logits and drives the built-in LSP client through
-- the server: LL101 arrives, a hover answers, the preferred quick fix applies, LL101 goes.
local function say(...)
  io.stdout:write(table.concat({ ... }, ' ') .. '\n')
  io.stdout:flush()
end

local function fail(message)
  say('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local ok, err = pcall(dofile, os.getenv('LOSS_LENS_NVIM_CONFIG'))
if not ok then fail('the README configuration does not load: ' .. tostring(err)) end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LOSS_LENS_NVIM_FILE')))
-- Started with -u NONE: no filetype detection, so set it (this fires the configuration's autocmd).
vim.bo.filetype = 'python'
local bufnr = vim.api.nvim_get_current_buf()

local function ll101()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'LL101' then return d end
  end
end

if not vim.wait(30000, function() return ll101() ~= nil end, 50) then fail('no LL101 diagnostic within 30 s') end
local d = ll101()
say('diagnostic', d.code, 'line ' .. (d.lnum + 1), d.source or '?', d.message)

local line = vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1]
local col = line:find('BCELoss', 1, true)
if not col then fail('the fixture lost its BCELoss line') end
local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 4, character = col } }
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
local hover
for _, r in pairs(responses) do
  if r.result then hover = r.result end
end
local text = hover and hover.contents and (hover.contents.value or hover.contents) or ''
if type(text) ~= 'string' or not text:find('BCELoss', 1, true) then fail('hover without the BCELoss documentation: ' .. vim.inspect(hover)) end
say('hover', (text:gsub('\n.*', '')))

-- The client's own code-action flow; the picker is answered with the preferred fix.
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
vim.ui.select = function(items, _, on_choice)
  for i, item in ipairs(items) do
    local action = item[2]
    if action.isPreferred then
      say('applying', action.title)
      return on_choice(item, i)
    end
  end
  fail('no preferred action among ' .. #items .. ' actions')
end
vim.lsp.buf.code_action()

if not vim.wait(30000, function() return ll101() == nil end, 50) then fail('LL101 still shown 30 s after the preferred fix') end
say('fixed', vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1])
say('PASS')
vim.cmd('qall!')
