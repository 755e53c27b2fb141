/** A progress line on a terminal (stderr), for long runs only. */
export class Progress {
    private text = "";
    private shown = false;
    private readonly timer?: NodeJS.Timeout;
    private frame = 0;
    private readonly started = Date.now();
    constructor(enabled: boolean) {
        if (enabled) {
            // Only long runs get a progress line.
            this.timer = setInterval(() => this.draw(), 120);
            this.timer.unref();
        }
    }
    set(text: string): void {
        this.text = text;
    }
    private draw(): void {
        if (Date.now() - this.started < 800) {
            return;
        }
        const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        process.stderr.write(`\r\x1b[K${frames[this.frame++ % frames.length]} ${this.text}`);
        this.shown = true;
    }
    /** Clears the line before other output. */
    clear(): void {
        if (this.shown) {
            process.stderr.write("\r\x1b[K");
            this.shown = false;
        }
    }
    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.clear();
    }
}
