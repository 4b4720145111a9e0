"""Help texts shown in the app (the keyboard table is contracts/keyboard.md)."""

KEYBOARD_HTML = """
<h3>Everywhere</h3>
<table cellpadding="3">
<tr><td><b>Ctrl+1 … Ctrl+5</b></td><td>Set-up, Obstacles, Typology, Perception grid, Summary</td></tr>
<tr><td><b>Ctrl+6</b></td><td>Compare: what moved since the partnership's last review</td></tr>
<tr><td><b>Ctrl+7</b></td><td>Box 2 accountability (a step turned off in Set-up is not offered: its key says so)</td></tr>
<tr><td><b>Ctrl+8</b></td><td>Sharing acid test (off unless turned on in Set-up)</td></tr>
<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b>, <b>Ctrl+Y</b></td><td>undo / redo the last edit</td></tr>
<tr><td><b>Ctrl+W</b></td><td>back to the sessions list</td></tr>
<tr><td><b>F5</b> / <b>Esc</b></td><td>present the current step to the room (the perception grid has a presenter view) / close the presenter</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>quit (everything is already saved)</td></tr>
</table>
<h3>The room (phones)</h3>
<table cellpadding="3">
<tr><td><b>Ctrl+R</b></td><td>open the room: phones scan the QR code and answer (again: show the QR code once more)</td></tr>
<tr><td><b>Ctrl+Shift+R</b></td><td>close the room (answers given are kept)</td></tr>
<tr><td><b>Ctrl+Shift+P</b></td><td>enter a paper card for someone without a phone</td></tr>
<tr><td><b>Ctrl+J</b></td><td>hide or show the QR code on the presenter view</td></tr>
</table>
<h3>Sessions list</h3>
<table cellpadding="3">
<tr><td><b>Enter</b></td><td>open the selected session</td></tr>
<tr><td><b>Ctrl+N</b></td><td>new session</td></tr>
<tr><td><b>Ctrl+D</b></td><td>duplicate for a re-run</td></tr>
<tr><td><b>Delete</b></td><td>delete the selected session (Ctrl+Z brings it back)</td></tr>
<tr><td><b>Ctrl+I</b> / <b>Ctrl+Shift+S</b></td><td>import / export a session file</td></tr>
<tr><td><b>Down</b> or <b>Enter</b> in the search</td><td>go to the sessions found (<b>Esc</b> clears the search)</td></tr>
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
<h3>Set-up (Ctrl+1)</h3>
<table cellpadding="3">
<tr><td><b>Tab</b> to a step, <b>Space</b></td><td>turn an exercise on or off for this session (“Steps”); Set-up and Summary always run</td></tr>
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
<h3>Obstacles (Ctrl+2)</h3>
<table cellpadding="3">
<tr><td><b>Up</b> / <b>Down</b></td><td>select the previous / next obstacle (in the order shown: list order, priority or by factor)</td></tr>
<tr><td><b>0</b> <b>1</b> <b>2</b> <b>3</b></td><td>rate the selected obstacle: not an issue, minor, significant, critical (the selection stays)</td></tr>
<tr><td><b>+</b> / <b>-</b></td><td>add / remove one vote (never below 0); <b>=</b> and keypad <b>+</b> add one too</td></tr>
<tr><td><b>Delete</b></td><td>clear the rating (back to not rated)</td></tr>
<tr><td><b>Insert</b></td><td>type your own obstacle, then Enter adds it</td></tr>
<tr><td><b>F2</b></td><td>edit the wording of your own obstacle (Box 1 wording is the source's)</td></tr>
<tr><td><b>Ctrl+Up</b> / <b>Ctrl+Down</b></td><td>move the selected obstacle (list-order view)</td></tr>
<tr><td><b>Alt+L</b> / <b>Alt+P</b> / <b>Alt+T</b></td><td>view in list order / by priority / by factor</td></tr>
<tr><td><b>Esc</b></td><td>from the wording, notes or action fields: back to the list (Enter too, except in the notes)</td></tr>
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
<h3>Box 2 accountability (Ctrl+7)</h3>
<table cellpadding="3">
<tr><td><b>Up</b> / <b>Down</b></td><td>select the previous / next process or structure</td></tr>
<tr><td><b>1</b> <b>2</b> <b>3</b> (or <b>I</b> <b>P</b> <b>A</b>)</td><td>rate the selected item: in place, partly, absent (the app's own scale; Box 2 gives none)</td></tr>
<tr><td><b>Delete</b></td><td>clear the rating (back to not rated)</td></tr>
<tr><td><b>F2</b> or <b>Enter</b></td><td>edit the owner; <b>Enter</b> again: the date (DD/MM/YYYY or YYYY-MM-DD), then back to the list</td></tr>
<tr><td><b>Esc</b></td><td>from the owner or date: back to the list</td></tr>
<tr><td><b>Alt+A</b></td><td>add the selected gap (partly or absent) to the actions list, with its owner and date</td></tr>
</table>
<h3>Sharing acid test (Ctrl+8)</h3>
<table cellpadding="3">
<tr><td><b>Up</b> / <b>Down</b></td><td>select the previous / next partner body</td></tr>
<tr><td><b>1</b> … <b>5</b></td><td>mark or unmark what the selected partner body shares: 1 services, 2 expertise, 3 knowledge, 4 resources, 5 risk (the slides' words; yes/no is the app's own marking)</td></tr>
<tr><td><b>F2</b> or <b>Enter</b></td><td>edit “Why not?”; <b>Enter</b> again: “What would change it?” (the app's own questions), then back to the list</td></tr>
<tr><td><b>Esc</b></td><td>from either answer: back to the list</td></tr>
</table>
<h3>Summary (Ctrl+5)</h3>
<table cellpadding="3">
<tr><td><b>Insert</b></td><td>add an action after the selected one, then type what is to be done</td></tr>
<tr><td><b>F2</b> or start typing</td><td>change the selected cell (action, owner, due date DD/MM/YYYY or YYYY-MM-DD)</td></tr>
<tr><td><b>Space</b></td><td>mark the selected action done / open again (on the “Done” column)</td></tr>
<tr><td><b>Delete</b></td><td>remove the selected action</td></tr>
<tr><td><b>Ctrl+Up</b> / <b>Ctrl+Down</b></td><td>move the selected action</td></tr>
<tr><td><b>Ctrl+E</b></td><td>export the PDF summary (also from the sessions list)</td></tr>
</table>
<h3>Compare (Ctrl+6)</h3>
<table cellpadding="3">
<tr><td><b>Up</b> / <b>Down</b></td><td>pick another earlier review (the picker has the keyboard first)</td></tr>
<tr><td><b>Alt+E</b> / <b>Alt+L</b></td><td>go to the earlier / later review's picker</td></tr>
<tr><td><b>Tab</b></td><td>on to the later review's picker, then to what moved (arrow keys and Page Up/Down scroll it)</td></tr>
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
