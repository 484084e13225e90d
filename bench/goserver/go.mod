module simpletimeservice/bench/goserver

go 1.19
