"""Help texts shown in the app (the keyboard table is contracts/keyboard.md)."""

KEYBOARD_HTML = """
<h3>Everywhere</h3>
<table cellpadding="3">
<tr><td><b>Ctrl+1 … Ctrl+5</b></td><td>Set-up, Obstacles, Typology, Perception grid, Summary</td></tr>
<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b>, <b>Ctrl+Y</b></td><td>undo / redo the last edit</td></tr>
<tr><td><b>Ctrl+W</b></td><td>back to the sessions list</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>quit (everything is already saved)</td></tr>
</table>
<h3>Sessions list</h3>
<table cellpadding="3">
<tr><td><b>Enter</b></td><td>open the selected session</td></tr>
<tr><td><b>Ctrl+N</b></td><td>new session</td></tr>
<tr><td><b>Ctrl+D</b></td><td>duplicate for a re-run</td></tr>
<tr><td><b>Delete</b></td><td>delete the selected session (Ctrl+Z brings it back)</td></tr>
<tr><td><b>Ctrl+I</b> / <b>Ctrl+Shift+S</b></td><td>import / export a session file</td></tr>
</table>
<h3>Set-up lists (partner bodies, groups, participants)</h3>
<table cellpadding="3">
<tr><td><b>Insert</b></td><td>add after the selected line, then type its name</td></tr>
<tr><td><b>F2</b> or start typing</td><td>rename or change the selected cell</td></tr>
<tr><td><b>Delete</b></td><td>remove the selected line</td></tr>
<tr><td><b>Ctrl+Up</b> / <b>Ctrl+Down</b></td><td>move the selected line</td></tr>
<tr><td><b>Space</b></td><td>tick or untick “Present”</td></tr>
<tr><td><b>Ctrl+K</b></td><td>change the selected group's colour</td></tr>
</table>
<h3>Typology (Ctrl+3)</h3>
<table cellpadding="3">
<tr><td><b>Arrow keys</b></td><td>move the cursor cell (it starts top-left: co-operation × strategic)</td></tr>
<tr><td><b>Enter</b></td><td>place the selected “placing for” entry at the cursor for the current horizon, then select the next entry</td></tr>
<tr><td><b>N</b> / <b>H</b></td><td>place for “now” (● filled circle) / “needed” (▢ dashed square; H for “heading to”)</td></tr>
<tr><td><b>Delete</b></td><td>remove the selected entry's placement for the current horizon</td></tr>
<tr><td><b>Page Up</b> / <b>Page Down</b></td><td>select the previous / next entry (or click a name in the list)</td></tr>
<tr><td><b>A</b></td><td>agree the cursor cell as the board's placement for the current horizon (again: clear it)</td></tr>
<tr><td><b>Mouse</b></td><td>click a cell to place the selected entry there; drag a marker to move it; click a marker to select whose it is</td></tr>
</table>
"""

ABOUT_HTML = """
<h3>Partnership Workshop</h3>
<p>Guides a facilitator and a partnership board through a live review of their
partnership: the obstacles checklist, the typology placement and the stakeholder
governance-perception grid, drawn from UK public-sector guidance (Matrix 2004, Audit
Commission 2005, Bovaird 2009).</p>
<p>Everything is saved on this computer as you go; nothing is sent anywhere.</p>
"""
