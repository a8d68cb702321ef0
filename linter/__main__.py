from .client import command

command()
