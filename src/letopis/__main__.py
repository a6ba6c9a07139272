from letopis.cli.main import app

app(prog_name="letopis")
