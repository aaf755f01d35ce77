create table widget (
    id         uuid primary key,
    cluster_id uuid         not null,
    name       varchar(63)  not null,
    seq        int          not null
);
create table imported_seen (
    cluster_id uuid primary key,
    times      int not null
);
