"""The room's web server: phones join and answer over the laptop's own network (see
`room.server`)."""
