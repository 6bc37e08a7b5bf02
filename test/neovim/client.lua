-- Headless Neovim (0.7+) as a real LSP client: starts the language server over stdio, opens a spec,
-- waits for diagnostics, asks for a hover, and writes what it saw as JSON. Driven by neovim.test.ts.
local server = os.getenv('SSLS_SERVER')
local spec = os.getenv('SSLS_SPEC')
local out = os.getenv('SSLS_OUT')
local hover_line = tonumber(os.getenv('SSLS_HOVER_LINE'))

local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(spec))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'service-spec',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(spec, ':h'),
})
vim.lsp.buf_attach_client(bufnr, client_id)

-- The server publishes at once, then again when its background index of the workspace is complete:
-- wait for the number of findings the CLI reports.
local expect = tonumber(os.getenv('SSLS_EXPECT') or '1')
local got = vim.wait(30000, function()
  return #vim.diagnostic.get(bufnr) >= expect
end, 50)

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(diagnostics, { line = d.lnum, col = d.col, severity = d.severity, code = code, message = d.message })
end

local hover = nil
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = hover_line, character = 5 },
}, 10000)
if responses then
  for _, r in pairs(responses) do
    if r.result and r.result.contents then
      hover = r.result.contents.value
    end
  end
end

vim.lsp.stop_client(client_id)
finish({ waited = got, diagnostics = diagnostics, hover = hover })
