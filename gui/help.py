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
<h3>Perception grid (Ctrl+4)</h3>
<table cellpadding="3">
<tr><td><b>Up</b> / <b>Down</b></td><td>select the previous / next row</td></tr>
<tr><td><b>Left</b> / <b>Right</b></td><td>select the previous / next stakeholder group (the group being scored)</td></tr>
<tr><td><b>1 2 3 4 5</b></td><td>give the selected group that score on the selected row, then select the next row</td></tr>
<tr><td><b>Delete</b></td><td>clear the selected group's score on the selected row</td></tr>
<tr><td>click a cell</td><td>give the selected group that column's score on that row</td></tr>
<tr><td><b>Insert</b> / <b>F2</b></td><td>add a row after the selected one / rename the selected row</td></tr>
<tr><td><b>Ctrl+Up</b> / <b>Ctrl+Down</b></td><td>move the selected row (past the end of its section, into the other)</td></tr>
<tr><td><b>Ctrl+Delete</b></td><td>remove the selected row and its scores</td></tr>
<tr><td><b>F5</b></td><td>show or close the presenter view (Esc closes it too)</td></tr>
<tr><td><b>Ctrl+H</b></td><td>hide or reveal the scores on the presenter view</td></tr>
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
"""

ABOUT_HTML = """
<h3>Partnership Workshop</h3>
<p>Guides a facilitator and a partnership board through a live review of their
partnership: the obstacles checklist, the typology placement and the stakeholder
governance-perception grid, drawn from UK public-sector guidance (Matrix 2004, Audit
Commission 2005, Bovaird 2009).</p>
<p>Everything is saved on this computer as you go; nothing is sent anywhere.</p>
"""
